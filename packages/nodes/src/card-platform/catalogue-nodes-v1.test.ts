import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { balanceNode, checkStockNode, listProductsNode, productInfoNode } from './catalogue-nodes-v1.ts';
import { runNode, sandboxCredential } from './test-support.ts';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 7, timeFactor: 0.01 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('card-platform catalogue nodes against the sandbox', () => {
  it('lists products with filters', async () => {
    const all = (await runNode(listProductsNode, sandbox, {})).out as { product_id: string }[];
    expect(all.length).toBe(sandbox.products().length);
    const video = (await runNode(listProductsNode, sandbox, { category: 'video', productType: 'card' }))
      .out as {
      category: string;
      product_type: string;
    }[];
    expect(video.length).toBeGreaterThan(0);
    expect(video.every((p) => p.category === 'video' && p.product_type === 'card')).toBe(true);
  });

  it('reads product info, stock and balance', async () => {
    expect((await runNode(productInfoNode, sandbox, { productId: '10000001' })).out).toMatchObject({
      product_id: '10000001',
      product_name: 'Steam Wallet 50',
    });
    expect((await runNode(checkStockNode, sandbox, { productId: 10000007, buyNum: 1 })).out).toMatchObject({
      stock_status: 'insufficient',
    });
    expect((await runNode(balanceNode, sandbox, {})).out).toMatchObject({ balance: sandbox.balance() });
  });

  it('maps supplier refusals to stable codes', async () => {
    await expect(runNode(productInfoNode, sandbox, { productId: '99999999' })).rejects.toMatchObject({
      code: 'JX_SUPPLIER_PRODUCT_NOT_FOUND',
      details: { supplierCode: 2001, retryable: false },
    });
    const credentials = { auth: sandboxCredential(sandbox, 'f'.repeat(32)) };
    await expect(runNode(balanceNode, sandbox, {}, { credentials })).rejects.toMatchObject({
      code: 'JX_SUPPLIER_BAD_SIGNATURE',
    });
    const past = () => Date.now() - 10 * 60_000;
    await expect(runNode(balanceNode, sandbox, {}, { now: past })).rejects.toMatchObject({
      code: 'JX_SUPPLIER_TIMESTAMP_EXPIRED',
      details: { retryable: true },
    });
    sandbox.setFaults({ rateLimitPerSecond: 1 });
    await runNode(balanceNode, sandbox, {});
    await expect(runNode(balanceNode, sandbox, {})).rejects.toMatchObject({
      code: 'JX_SUPPLIER_RATE_LIMITED',
    });
  });

  it('fails on an HTTP 5xx with a retryable coded error', async () => {
    sandbox.setFaults({ http5xx: { status: 502 } });
    await expect(runNode(balanceNode, sandbox, {})).rejects.toMatchObject({
      code: 'JX_SUPPLIER_HTTP',
      details: { status: 502, retryable: true },
    });
  });

  it('refuses a gateway host outside the allowed hosts and never leaks the secret', async () => {
    const credential = { ...sandboxCredential(sandbox), allowedHosts: ['api.supplier.example'] };
    const failure = runNode(balanceNode, sandbox, {}, { credentials: { auth: credential } });
    await expect(failure).rejects.toMatchObject({ code: 'JX_CREDENTIAL_HOST_FORBIDDEN' });
    const error = await failure.catch((e: unknown) => e);
    expect(JSON.stringify(error) + String(error)).not.toContain(sandbox.appSecret);
  });

  it('names the missing credential and the bad field, and says retrying cannot help', async () => {
    await expect(runNode(balanceNode, sandbox, {}, { credentials: {} })).rejects.toMatchObject({
      code: 'JX_CREDENTIAL_MISSING',
      details: { retryable: false },
    });
    await expect(runNode(productInfoNode, sandbox, { productId: null })).rejects.toMatchObject({
      code: 'JX_INPUT_INVALID',
      details: { field: 'productId', retryable: false },
    });
  });
});
