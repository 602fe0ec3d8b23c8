import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const committedPath = new URL('../../../../docs/api/openapi.json', import.meta.url);

type Operation = Record<string, unknown> & { responses: Record<string, unknown> };

let t: TestServer;
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  t = await startTestServer();
  paths = t.server.openapi().paths as typeof paths;
});
afterAll(async () => t.close());

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(t.server.openapi());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('has an operation for every route and method the app serves', () => {
    let checked = 0;
    for (const route of t.server.routes) {
      if (route.schema?.hide) continue;
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{path}');
      const methods = (Array.isArray(route.method) ? route.method : [route.method])
        .map((m) => m.toLowerCase())
        // HEAD mirrors GET; OpenAPI 3.1 has no QUERY operation.
        .filter((m) => m !== 'head' && m !== 'query');
      for (const method of methods) {
        expect(paths[path]?.[method], `${method.toUpperCase()} ${route.url}`).toBeDefined();
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('gives each operation its scope, parameters, body schema and the error shape', () => {
    expect(paths['/api/flows/{id}']?.put).toMatchObject({
      tags: ['flows'],
      'x-junction-scope': 'flows:write',
      security: [{ bearer: ['flows:write'] }],
      parameters: [expect.objectContaining({ name: 'id', in: 'path', required: true })],
      requestBody: { required: true, content: { 'application/json': { schema: expect.any(Object) } } },
    });
    expect(paths['/callbacks/{channel}']?.post).toMatchObject({ 'x-junction-scope': 'public', security: [] });
    expect(paths['/hooks/{path}']?.post?.parameters).toContainEqual(
      expect.objectContaining({ name: 'path', in: 'path', required: true }),
    );
    expect(paths['/api/runs']?.get?.parameters).toContainEqual(
      expect.objectContaining({ name: 'status', in: 'query' }),
    );
    expect(paths['/api/stats/series']?.get?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { required: expect.arrayContaining(['flowId']) } } },
    });
    for (const operation of Object.values(paths).flatMap((p) => Object.values(p))) {
      expect(operation['x-junction-scope']).toEqual(expect.any(String));
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.responses.default).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      });
    }
  });

  it('docs/api/openapi.json is current (run `pnpm docs` after changing a route)', () => {
    // Same bytes as scripts/write-openapi.ts writes, so a stale file shows as a readable diff.
    const current = `${JSON.stringify(t.server.openapi(), null, 2)}\n`;
    expect(readFileSync(committedPath, 'utf8')).toBe(current);
  });
});
