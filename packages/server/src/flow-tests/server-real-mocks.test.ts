import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// `real` mocks on the server: the node calls the supplier (the sandbox over HTTP) with the vault's
// credential, as a deployed run would; the secret never appears in the answer.
const flow = JSON.parse(
  readFileSync(fileURLToPath(new URL('fixtures/stock-check.flow.json', import.meta.url)), 'utf8'),
);
let sandbox: SandboxHandle;
let t: TestServer;
const credential = (appSecret: string) => ({
  name: 'Card platform sandbox',
  kind: 'card-platform',
  allowedHosts: ['127.0.0.1'],
  data: { appKey: sandbox.appKey, appSecret, gatewayUrl: sandbox.gatewayUrl },
});

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5 });
  t = await startTestServer({ egress: { allow: ['127.0.0.1'] } });
  expect(
    (await t.api('POST', '/api/credentials', { id: 'sandbox', ...credential('wrong-secret') })).status,
  ).toBe(201);
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
});

const realCase = (productId: string, stockStatus: string) => ({
  schemaVersion: 1,
  cases: [
    {
      name: `stock of ${productId}`,
      input: { productId },
      mocks: { checkStock: { real: true } },
      expect: {
        status: 'succeeded',
        nodes: { checkStock: { contains: { product_id: productId, stock_status: stockStatus } } },
      },
    },
  ],
});

describe('real mocks through POST /api/flows/:id/tests/run', () => {
  it("sign with the vault credential: refused with a wrong secret, answered once it is the sandbox's", async () => {
    const product = sandbox.products().find((p) => p.stock > 0 && p.sales_status === 'on_shelf');
    expect(product).toBeDefined();
    const tests = realCase(product!.product_id, 'sufficient');
    const wrong = await t.api('POST', `/api/flows/${flow.id}/tests/run`, { tests });
    expect(wrong.json.passed).toBe(false);
    expect(JSON.stringify(wrong.json.cases[0].failures)).toContain('JX_SUPPLIER_BAD_SIGNATURE');

    expect((await t.api('PUT', '/api/credentials/sandbox', credential(sandbox.appSecret))).status).toBe(200);
    const ran = await t.api('POST', `/api/flows/${flow.id}/tests/run`, { tests });
    expect(ran.json.cases[0].failures).toEqual([]);
    expect(ran.json.passed).toBe(true);
    expect(ran.text).not.toContain(sandbox.appSecret);
  });
});
