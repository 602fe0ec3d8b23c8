import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { buildOpenApi } from './build-openapi.ts';

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
});
