import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowDocument } from '@junction/runtime';
import {
  encodeMessage,
  type SandboxHandle,
  signPayload,
  startSandbox,
  type WireFormat,
} from '@junction/sandbox';
import { type RunningServer, startServer } from '@junction/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../src/deploy-flow.ts';
import { createJunctionClient, type JunctionClient } from '../src/junction-client.ts';

// A supplier that speaks GBK and XML (the sandbox with charset gbk and format xml), connected by a
// flow file with no code node: the product found by its Chinese name (signed over GBK bytes), the
// top-up created once, a callback signed over UTF-8 bytes refused, the genuine GBK XML callback
// verified and acknowledged in XML, the shop answered in JSON with the Chinese texts intact.

const FLOW = JSON.parse(
  readFileSync(join(import.meta.dirname, 'legacy-top-up.json'), 'utf8'),
) as FlowDocument;
const LEGACY: WireFormat = { charset: 'gbk', format: 'xml' };
const PRODUCT = '中国移动话费 10元';

let sandbox: SandboxHandle;
let server: RunningServer;
let api: JunctionClient;
let dataDir: string;

beforeAll(async () => {
  // Orders settle only when a test says so, so each test decides when the callback comes.
  sandbox = await startSandbox({
    seed: 11,
    timeFactor: 0.01,
    config: { ...LEGACY, processingDelayMs: 1e9, settleDelayMs: 1e9 },
  });
  dataDir = mkdtempSync(join(tmpdir(), 'junction-legacy-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'silent', egress: { allow: ['127.0.0.1'] } });
  api = createJunctionClient({ serverUrl: server.url!, token: server.adminToken! });
  await api.request('POST', '/api/credentials', {
    id: 'legacy-supplier',
    name: 'Legacy supplier (GBK, XML)',
    kind: 'signature',
    allowedHosts: ['127.0.0.1'],
    // The card-platform preset, its string to sign hashed as GBK bytes.
    data: { preset: 'card-platform', charset: 'gbk', secret: sandbox.appSecret, appKey: sandbox.appKey },
  });
  const flow = structuredClone(FLOW);
  flow.settings = {
    ...flow.settings,
    variables: {
      gatewayUrl: sandbox.gatewayUrl,
      notifyUrl: `${server.url}/callbacks/legacy-orders`,
      callbackTimeoutMs: 30_000,
    },
  };
  await deployFlow(api, flow);
});
afterAll(async () => {
  await server?.close();
  await sandbox?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const topUp = (customerOrderNo: string, productName = PRODUCT) =>
  fetch(`${server.url}/hooks/legacy/top-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      customer_order_no: customerOrderNo,
      product_name: productName,
      charge_account: '13900000000',
    }),
  });

async function waitFor<T>(read: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const waitingRuns = async () =>
  (await api.request<{ runs: { id: string }[] }>('GET', '/api/runs?flowId=legacy-top-up&status=waiting'))
    .runs;

async function finishedRun(runId: string): Promise<{ status: string; output: unknown }> {
  return waitFor(async () => {
    const { run } = await api.request<{ run: { status: string; output: unknown } }>(
      'GET',
      `/api/runs/${runId}`,
    );
    return ['queued', 'running', 'waiting'].includes(run.status) ? undefined : run;
  }, `run ${runId} to finish`);
}

/** The shop's answer: the result itself, or (202) the run's output once it has finished. */
async function outcome(answer: Promise<Response>): Promise<{ status: string; output: unknown }> {
  const response = await answer;
  const body = (await response.json()) as { runId?: string };
  if (response.status === 202) return finishedRun(body.runId!);
  return { status: response.ok ? 'succeeded' : 'failed', output: body };
}

describe('a GBK XML supplier, connected without code', () => {
  it('is a flow file with no code node, and its nodes say GBK and XML', () => {
    expect(FLOW.nodes.map((node) => node.type)).not.toContain('code.js');
    const calls = FLOW.nodes.filter((node) => node.type === 'http.request');
    for (const call of calls) {
      expect(call.config).toMatchObject({ bodyType: 'xml', requestCharset: 'gbk', responseType: 'xml' });
    }
  });

  it('finds the product by its Chinese name, tops up once, refuses a callback signed over UTF-8 bytes and takes the GBK one', async () => {
    const answer = topUp('L-1');
    const order = await waitFor(() => sandbox.orders({ customerOrderNo: 'L-1' })[0], 'the supplier order');
    expect(order).toMatchObject({ product_id: '10000013', order_state: 'untreated' });
    await waitFor(async () => ((await waitingRuns()).length === 1 ? true : undefined), 'the run to wait');

    // Forged: the right fields and secret, but MD5 over the UTF-8 bytes of a GBK message.
    const fields: Record<string, string> = {
      order_id: order.order_id,
      charge_finish_time: '',
      customer_order_no: 'L-1',
      order_status: 'success',
      recharge_description: '充值成功',
      product_id: order.product_id,
      price: '10.0000',
      buy_num: '1',
      operator_serial_number: '',
    };
    const forged = encodeMessage(
      { ...fields, sign: signPayload(fields, sandbox.appSecret, 'utf-8') },
      LEGACY,
    );
    const refused = await fetch(`${server.url}/callbacks/legacy-orders`, {
      method: 'POST',
      headers: { 'content-type': forged.contentType },
      body: forged.bytes,
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-junction-error')).toBe('JX_SIGNATURE_INVALID');
    expect(await waitingRuns()).toHaveLength(1);

    // The genuine callback: GBK XML from the supplier, acknowledged in XML.
    sandbox.settle(order.order_id, 'success');
    const [delivery] = await sandbox.waitForDeliveries(1, { filter: { customerOrderNo: 'L-1' } });
    expect(delivery).toMatchObject({ outcome: 'acknowledged', contentType: 'text/xml; charset=GBK' });
    expect(delivery!.responseBody).toMatch(/<return_code>(<!\[CDATA\[)?SUCCESS(\]\]>)?<\/return_code>/);

    const run = await outcome(answer);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({
      customer_order_no: 'L-1',
      order_id: order.order_id,
      product_name: PRODUCT,
      order_status: 'success',
      recharge_description: '充值成功',
    });
    expect(sandbox.orders({ customerOrderNo: 'L-1' })).toHaveLength(1);
  });

  it('fails with its own code when no product of that Chinese name is on sale, ordering nothing', async () => {
    const run = await outcome(topUp('L-2', '中国电信话费 30元'));
    expect(run.status).toBe('failed');
    expect(JSON.stringify(run.output)).toContain('NOT_ON_SALE');
    expect(sandbox.orders({ customerOrderNo: 'L-2' })).toEqual([]);
  });
});
