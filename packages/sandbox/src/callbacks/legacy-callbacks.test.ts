import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callGateway, type OrderView, type SandboxHandle, startSandbox, verifyPayload } from '../index.ts';
import { type MerchantServer, startMerchantServer } from '../testing/merchant-server.ts';

// Settlement callbacks in GBK and XML over real HTTP, read here with TextDecoder and
// fast-xml-parser directly, and the XML acknowledgement a legacy supplier wants.

let sandbox: SandboxHandle;
let merchant: MerchantServer;
const xml = new XMLParser({ parseTagValue: false });
const XML_ACK = {
  body: '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>',
  contentType: 'text/xml',
};

const order = (customerOrderNo: string) =>
  callGateway<OrderView>(
    sandbox.gatewayUrl,
    { appKey: sandbox.appKey, appSecret: sandbox.appSecret },
    'order.direct.add',
    {
      product_id: '10000013',
      customer_order_no: customerOrderNo,
      charge_account: '13900000000',
      notify_url: merchant.url,
    },
  );

beforeAll(async () => {
  // Settled only by the test (admin settle), so each test sees exactly its callbacks.
  sandbox = await startSandbox({
    seed: 3,
    timeFactor: 0.001,
    config: { charset: 'gbk', format: 'xml', settleDelayMs: 1e9, processingDelayMs: 1e9 },
  });
  merchant = await startMerchantServer();
});
afterEach(() => {
  sandbox.reset();
  merchant.received.length = 0;
});
afterAll(async () => {
  await sandbox.close();
  await merchant.close();
});

describe('callbacks in GBK XML', () => {
  it('POSTs an <xml> document in GBK, signed over the GBK bytes, and takes the XML acknowledgement', async () => {
    merchant.answer = () => XML_ACK;
    const created = await order('gbk-1');
    sandbox.settle(created.result!.order_id);
    const [delivery] = await sandbox.waitForDeliveries(1);
    expect(delivery).toMatchObject({ outcome: 'acknowledged', contentType: 'text/xml; charset=GBK' });

    const { raw, contentType } = merchant.received[0]!;
    expect(contentType).toBe('text/xml; charset=GBK');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
    const text = new TextDecoder('gbk', { fatal: true }).decode(raw);
    expect(text).toContain('<recharge_description><![CDATA[充值成功]]></recharge_description>');
    const fields = xml.parse(text).xml as Record<string, string>;
    expect(fields).toMatchObject({ customer_order_no: 'gbk-1', order_status: 'success', buy_num: '1' });
    expect(verifyPayload(fields, sandbox.appSecret, 'gbk')).toBe(true);
    expect(verifyPayload(fields, sandbox.appSecret, 'utf-8')).toBe(false);
  });

  it('retries when the merchant answers the JSON-style literal success instead of the XML acknowledgement', async () => {
    merchant.answer = (_callback, index) => (index === 0 ? 'success' : XML_ACK);
    const created = await order('gbk-2');
    sandbox.settle(created.result!.order_id);
    const deliveries = await sandbox.waitForDeliveries(2);
    expect(deliveries.map((delivery) => delivery.outcome)).toEqual(['rejected', 'acknowledged']);
    expect(deliveries[0]!.responseBody).toBe('success');
  });

  it('does not take a FAIL return code, nor a non-2xx status, as an acknowledgement', async () => {
    merchant.answer = (_callback, index) =>
      index === 0 ? { body: '<xml><return_code>FAIL</return_code></xml>', contentType: 'text/xml' } : XML_ACK;
    const created = await order('gbk-3');
    sandbox.settle(created.result!.order_id);
    const deliveries = await sandbox.waitForDeliveries(2);
    expect(deliveries.map((delivery) => delivery.outcome)).toEqual(['rejected', 'acknowledged']);
  });

  it('switches back to UTF-8 JSON at runtime; callbacks then want the literal success', async () => {
    sandbox.setWireFormat({ charset: 'utf-8', format: 'json' });
    merchant.answer = () => 'success';
    const created = await order('utf8-1');
    sandbox.settle(created.result!.order_id);
    const [delivery] = await sandbox.waitForDeliveries(1);
    expect(delivery).toMatchObject({
      outcome: 'acknowledged',
      contentType: 'application/json; charset=utf-8',
    });
    const body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(merchant.received[0]!.raw));
    expect(verifyPayload(body, sandbox.appSecret)).toBe(true);
    expect(body.recharge_description).toBe('充值成功');
  });
});
