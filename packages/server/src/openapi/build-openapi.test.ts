import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { buildOpenApi } from './build-openapi.ts';

const committedPath = new URL('../../../../docs/api/openapi.json', import.meta.url);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

describe('OpenAPI document', () => {
  it('lists every documented route with its scope, parameters and body schema', () => {
    const doc = buildOpenApi(t.server.routes) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.paths['/api/flows/{id}']?.put).toMatchObject({
      'x-junction-scope': 'flows:write',
      security: [{ bearer: [] }],
      parameters: [expect.objectContaining({ name: 'id', in: 'path' })],
      requestBody: expect.any(Object),
    });
    expect(doc.paths['/callbacks/{channel}']?.post).toMatchObject({
      'x-junction-scope': 'public',
      security: [],
    });
    expect(doc.paths['/api/runs']?.get?.parameters).toContainEqual(
      expect.objectContaining({ name: 'status', in: 'query' }),
    );
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThan(30);
    for (const operation of operations) expect(operation['x-junction-scope']).toEqual(expect.any(String));
  });

  it('docs/api/openapi.json is current (run `pnpm docs` after changing a route)', () => {
    // Same bytes as scripts/write-openapi.ts writes, so a stale file shows as a readable diff.
    const current = `${JSON.stringify(buildOpenApi(t.server.routes), null, 2)}\n`;
    expect(readFileSync(committedPath, 'utf8')).toBe(current);
  });
});
