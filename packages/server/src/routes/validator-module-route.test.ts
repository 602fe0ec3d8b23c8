import { compiledValidator, installCompiledValidators, type ValidatorModuleLoader } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// The editor validates with the validators this route compiles (its CSP forbids ajv's code
// generation): every node type it is served, in every language, must find its own.
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

describe('GET /api/node-types/validators.js', () => {
  it('covers every node type as the editor receives it, English or Chinese', async () => {
    const module = await t.api('GET', '/api/node-types/validators.js');
    expect(module.status).toBe(200);
    const url = `data:text/javascript;base64,${Buffer.from(module.text).toString('base64')}`;
    const loader = ((await import(url)) as { default: ValidatorModuleLoader }).default;
    expect(installCompiledValidators(loader)).toBeGreaterThan(10);
    for (const language of ['en', 'zh-CN']) {
      const { json } = await t.api('GET', '/api/node-types', undefined, {
        headers: { 'accept-language': language },
      });
      const missing = (json.nodeTypes as { type: string; version: number; config: Record<string, unknown> }[])
        .filter((descriptor) => !compiledValidator(descriptor.config))
        .map((descriptor) => `${descriptor.type} v${descriptor.version}`);
      expect(missing, language).toEqual([]);
    }
  });

  it('needs a token with flows:read', async () => {
    expect((await t.api('GET', '/api/node-types/validators.js', undefined, { token: null })).status).toBe(
      401,
    );
  });
});
