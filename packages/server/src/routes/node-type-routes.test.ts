import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

const ports = (body: unknown, token?: string) =>
  t.api('POST', '/api/node-types/ports', body, token === undefined ? {} : { token });

describe('POST /api/node-types/ports', () => {
  it('derives ports from the config of dynamic node types', async () => {
    const types = await t.api('GET', '/api/node-types');
    const dynamic = types.json.nodeTypes.filter((d: { dynamicPorts: boolean }) => d.dynamicPorts);
    expect(dynamic.map((d: { type: string }) => d.type)).toEqual(
      expect.arrayContaining(['flow.switch', 'flow.merge']),
    );

    const cases = [{ name: 'gold', equals: 'gold' }, { equals: 'silver' }];
    const sw = await ports({ type: 'flow.switch', version: 1, config: { value: '=tier', cases } });
    expect(sw.status).toBe(200);
    expect(sw.json).toEqual({ inputs: ['in'], outputs: ['gold', 'case1', 'default'] });

    const merge = await ports({ type: 'flow.merge', version: 1, config: { inputs: 3 } });
    expect(merge.json).toEqual({ inputs: ['a', 'b', 'c'], outputs: ['out'] });
  });

  it('answers the static ports of other node types', async () => {
    const types = await t.api('GET', '/api/node-types');
    const http = types.json.nodeTypes.find((d: { type: string }) => d.type === 'http.request');
    const response = await ports({ type: 'http.request', version: http.version, config: {} });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ inputs: http.inputs, outputs: http.outputs });
  });

  it('answers 404 for an unknown type or version, naming the known versions', async () => {
    const unknown = await ports({ type: 'no.such.node', version: 1, config: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('JX_NODE_TYPE_UNKNOWN');
    const version = await ports({ type: 'flow.switch', version: 99, config: {} });
    expect(version.status).toBe(404);
    expect(version.json.error.message).toContain('known: 1');
  });

  it('refuses malformed bodies (400) and configs the port function cannot read (422)', async () => {
    const missing = await ports({ type: 'flow.switch', version: 1 });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('JX_BAD_REQUEST');
    expect(missing.json.error.details.problems.length).toBeGreaterThan(0);
    const wrongType = await ports({ type: 'flow.switch', version: '1', config: [] });
    expect(wrongType.status).toBe(400);
    const broken = await ports({ type: 'flow.switch', version: 1, config: { cases: 5 } });
    expect(broken.status).toBe(422);
    expect(broken.json.error.code).toBe('JX_NODE_CONFIG_INVALID');
  });

  it('needs flows:read', async () => {
    const body = { type: 'flow.merge', version: 1, config: {} };
    expect((await ports(body, '')).status).toBe(401);
    const writer = await t.api('POST', '/api/tokens', { name: 'writer', scopes: ['runs:write'] });
    expect((await ports(body, writer.json.token)).status).toBe(403);
    const reader = await t.api('POST', '/api/tokens', { name: 'reader', scopes: ['flows:read'] });
    expect((await ports(body, reader.json.token)).json).toEqual({ inputs: ['a', 'b'], outputs: ['out'] });
  });
});
