import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type WebhookTriggerConfig, webhookSettings, webhookTrigger } from './v1.ts';

const config: WebhookTriggerConfig = { path: 'orders/created' };

describe('trigger.webhook', () => {
  it('passes the request through with credential headers redacted', async () => {
    const input = {
      method: 'POST',
      path: 'orders/created',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret-token', 'X-Sign': 'abc' },
      query: { page: '1' },
      body: { id: 7 },
    };
    const { ctx } = createTestContext({ config, input });
    const result = await webhookTrigger.run(ctx);
    expect(result).toEqual({
      out: {
        method: 'POST',
        path: 'orders/created',
        headers: { 'content-type': 'application/json', authorization: '[redacted]', 'x-sign': 'abc' },
        query: { page: '1' },
        body: { id: 7 },
      },
    });
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('fills gaps with defaults and rejects a non-object request', async () => {
    const { ctx } = createTestContext({ config, input: { body: 'x' } });
    expect(await webhookTrigger.run(ctx)).toEqual({
      out: { method: 'POST', path: 'orders/created', headers: {}, query: {}, body: 'x' },
    });
    const bad = createTestContext({ config, input: 'raw' }).ctx;
    await expect(Promise.resolve().then(() => webhookTrigger.run(bad))).rejects.toMatchObject({
      code: 'JX_INPUT_INVALID',
      message: 'input must be the webhook request object, got string.',
    });
  });

  it('resolves settings with defaults for the server', () => {
    expect(webhookSettings({ path: '/supplier/notify', responseMode: 'respondNode' })).toEqual({
      method: 'POST',
      path: 'supplier/notify',
      verification: 'none',
      responseMode: 'respondNode',
      responseStatus: 200,
      responseBody: { received: true },
    });
    expect(webhookSettings({ path: 'orders', idempotencyKey: '=body.customer_order_no' })).toMatchObject({
      idempotencyKey: '=body.customer_order_no',
    });
  });

  it('documents the idempotency key in its config schema', () => {
    const property = (webhookTrigger.config.properties as Record<string, Record<string, unknown>>)
      .idempotencyKey;
    expect(property).toMatchObject({ type: 'string', title: 'Idempotency key' });
    expect(property?.examples).toContain('=body.customer_order_no');
  });

  it('accepts an example request for the editor, which the server settings leave out', () => {
    const validate = new Ajv({ strict: false }).compile(webhookTrigger.config);
    const exampleRequest = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: { product_id: '10000001', buy_num: 1 },
    };
    expect(validate({ path: 'shop/order', exampleRequest })).toBe(true);
    expect(validate({ path: 'shop/order', exampleRequest: { body: {}, url: '/x' } })).toBe(false);
    expect(validate({ path: 'shop/order', exampleRequest: { headers: { n: 1 } } })).toBe(false);
    expect(webhookSettings({ path: 'shop/order', exampleRequest })).not.toHaveProperty('exampleRequest');
  });
});
