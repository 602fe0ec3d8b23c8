import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/test-server.ts';

// `junction test --data DIR`: a case whose node runs for real (`real` mock) signs its supplier call
// with the vault credentials of a `junction serve` data directory, which stays untouched.
const BIN = fileURLToPath(new URL('../../bin/junction.mjs', import.meta.url));
const FLOW = fileURLToPath(new URL('fixtures/stock-check.flow.json', import.meta.url));
let sandbox: SandboxHandle;
let dataDir: string;
let work: string;
let testFile: string;
let productId: string;

/** Runs the CLI without blocking this process, which serves the sandbox the CLI calls. */
function junction(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=development', BIN, ...args],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, JUNCTION_MASTER_KEY: '' } },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ status: error ? (typeof code === 'number' ? code : null) : 0, stdout, stderr });
      },
    );
  });
}

/** A fingerprint of every file in the data directory: names and contents. */
function fingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex');
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3 });
  productId = (
    sandbox.products().find((p) => p.stock > 0 && p.sales_status === 'on_shelf') ?? {
      product_id: '',
    }
  ).product_id;
  dataDir = mkdtempSync(join(tmpdir(), 'junction-test-data-'));
  const server = await startTestServer({ dataDir });
  const created = await server.api('POST', '/api/credentials', {
    id: 'sandbox',
    name: 'Card platform sandbox',
    kind: 'card-platform',
    allowedHosts: ['127.0.0.1'],
    data: { appKey: sandbox.appKey, appSecret: sandbox.appSecret, gatewayUrl: sandbox.gatewayUrl },
  });
  expect(created.status).toBe(201);
  await server.close();
  work = mkdtempSync(join(tmpdir(), 'junction-test-work-'));
  testFile = join(work, 'stock-check.tests.json');
  writeFileSync(
    testFile,
    JSON.stringify({
      schemaVersion: 1,
      flow: FLOW,
      cases: [
        {
          name: 'the real sandbox says the product can be sold',
          input: { productId },
          mocks: { checkStock: { real: true } },
          expect: {
            status: 'succeeded',
            nodes: { checkStock: { contains: { product_id: productId, stock_status: 'sufficient' } } },
          },
        },
      ],
    }),
  );
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('junction test --data', { timeout: 120_000 }, () => {
  it("signs a real call with the data directory's credentials, prints no secret and writes nothing there", async () => {
    expect(productId).not.toBe('');
    const before = fingerprint(dataDir);
    const result = await junction('test', testFile, '--data', dataDir, '--egress-allow', '127.0.0.1');
    expect(result.stdout).toContain('1 cases: 1 passed, 0 failed');
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(sandbox.appSecret);
    expect(fingerprint(dataDir)).toBe(before);
  });

  it('without --data the same case fails: the credential is a stand-in with no secret', async () => {
    const result = await junction('test', testFile, '--egress-allow', '127.0.0.1');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ the real sandbox says the product can be sold');
  });

  it('refuses a directory that is no data directory, or whose master key is missing, with a code', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'junction-test-empty-'));
    try {
      const none = await junction('test', testFile, '--data', empty);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('JX_DATA_DIR_NOT_FOUND');
      writeFileSync(join(empty, 'junction.db'), readFileSync(join(dataDir, 'junction.db')));
      const keyless = await junction('test', testFile, '--data', empty);
      expect(keyless.status).toBe(2);
      expect(keyless.stderr).toContain('JX_MASTER_KEY_REQUIRED');
      expect(readdirSync(empty).sort()).toEqual(['junction.db']);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
