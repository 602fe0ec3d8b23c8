import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

describe('flows API', () => {
  it('saves, lists, reads and deletes a flow', async () => {
    const flow = fixture('hello');
    const saved = await t.api('PUT', '/api/flows/hello', flow);
    expect(saved.status).toBe(200);
    expect(saved.json.flow).toEqual(flow);
    expect(typeof saved.json.updatedAt).toBe('number');

    const list = await t.api('GET', '/api/flows');
    expect(list.json.flows).toContainEqual(
      expect.objectContaining({ id: 'hello', name: 'Hello', latestVersion: null, deployment: null }),
    );
    const read = await t.api('GET', '/api/flows/hello');
    expect(read.json).toMatchObject({ flow, latestVersion: null, deployment: null });

    expect((await t.api('DELETE', '/api/flows/hello')).status).toBe(204);
    const gone = await t.api('GET', '/api/flows/hello');
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('JX_FLOW_NOT_FOUND');
  });

  it('refuses an invalid flow with every problem listed (422)', async () => {
    const bad = fixture('invalid');
    const response = await t.api('PUT', '/api/flows/invalid', bad);
    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('JX_FLOW_INVALID');
    const problems = response.json.error.details.problems as {
      code: string;
      pointer: string;
      message: string;
    }[];
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const problem of problems) {
      expect(problem).toEqual(
        expect.objectContaining({
          code: expect.any(String),
          pointer: expect.any(String),
          message: expect.any(String),
        }),
      );
    }
    const validate = await t.api('POST', '/api/flows/invalid/validate', bad);
    expect(validate.status).toBe(200);
    expect(validate.json.problems).toEqual(problems);
    const good = await t.api('POST', '/api/flows/hello/validate', fixture('hello'));
    expect(good.json.problems).toEqual([]);
  });

  it('answers 400 for a body that is not a flow, malformed JSON or a mismatched id', async () => {
    const notObject = await t.api('PUT', '/api/flows/x', [1, 2]);
    expect(notObject.status).toBe(400);
    expect(notObject.json.error).toMatchObject({ code: 'JX_BAD_REQUEST', details: { part: 'body' } });
    expect(notObject.json.error.details.problems.length).toBeGreaterThan(0);

    const notFlow = await t.api('PUT', '/api/flows/x', { id: 'x', hello: 1 });
    expect(notFlow.status).toBe(422);
    expect(notFlow.json.error.code).toBe('JX_FLOW_INVALID');
    const pointers = notFlow.json.error.details.problems.map((p: { pointer: string }) => p.pointer);
    expect(pointers.length).toBeGreaterThanOrEqual(3);

    const malformed = await t.api('PUT', '/api/flows/x', undefined, {
      raw: '{"nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('JX_BAD_JSON');

    const mismatch = await t.api('PUT', '/api/flows/other', fixture('hello'));
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error.code).toBe('JX_FLOW_ID_MISMATCH');
  });

  it('refuses bodies above the limit with 413', async () => {
    const small = await startTestServer({ bodyLimit: 1024 });
    try {
      const flow = { ...fixture('hello'), description: 'x'.repeat(4096) };
      const response = await small.api('PUT', '/api/flows/hello', flow);
      expect(response.status).toBe(413);
      expect(response.json.error.code).toBe('JX_PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('keeps numbered immutable versions', async () => {
    await t.api('PUT', '/api/flows/hello', fixture('hello'));
    const v1 = await t.api('POST', '/api/flows/hello/versions', { note: 'first' });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ version: 1, note: 'first' });
    await t.api('PUT', '/api/flows/hello', { ...fixture('hello'), name: 'Hello again' });
    const v2 = await t.api('POST', '/api/flows/hello/versions');
    expect(v2.json.version).toBe(2);

    const versions = await t.api('GET', '/api/flows/hello/versions');
    expect(versions.json.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const first = await t.api('GET', '/api/flows/hello/versions/1');
    expect(first.json).toMatchObject({ version: 1, flow: { name: 'Hello' } });
    const missing = await t.api('GET', '/api/flows/hello/versions/9');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('JX_FLOW_VERSION_NOT_FOUND');
    const badParam = await t.api('GET', '/api/flows/hello/versions/abc');
    expect(badParam.status).toBe(400);
  });

  it('deploys, canaries, promotes, rolls back and undeploys', async () => {
    await t.api('PUT', '/api/flows/hello', fixture('hello'));
    await t.api('POST', '/api/flows/hello/versions');
    await t.api('POST', '/api/flows/hello/versions');
    const versions = (await t.api('GET', '/api/flows/hello/versions')).json.versions;
    const [newest, older] = [versions[0].version, versions[1].version];

    const deployed = await t.api('POST', '/api/flows/hello/deploy', { version: older });
    expect(deployed.status).toBe(200);
    expect(deployed.json.deployment).toMatchObject({ version: older });

    const canary = await t.api('POST', '/api/flows/hello/deploy', {
      version: older,
      canary: { version: newest, percent: 10, match: "region = 'eu'" },
    });
    expect(canary.json.deployment).toMatchObject({
      version: older,
      canary: { version: newest, percent: 10 },
    });
    expect((await t.api('GET', '/api/flows/hello')).json.deployment.canary.version).toBe(newest);

    const promoted = await t.api('POST', '/api/flows/hello/deploy/promote');
    expect(promoted.json.deployment).toMatchObject({ version: newest, previous: older });
    expect(promoted.json.deployment.canary).toBeUndefined();

    const noCanary = await t.api('POST', '/api/flows/hello/deploy/promote');
    expect(noCanary.status).toBe(409);
    expect(noCanary.json.error.code).toBe('JX_DEPLOY_NO_CANARY');

    const rolledBack = await t.api('POST', '/api/flows/hello/deploy/rollback');
    expect(rolledBack.json.deployment.version).toBe(older);

    expect((await t.api('DELETE', '/api/flows/hello/deploy')).status).toBe(204);
    const notDeployed = await t.api('DELETE', '/api/flows/hello/deploy');
    expect(notDeployed.status).toBe(409);
    expect(notDeployed.json.error.code).toBe('JX_FLOW_NOT_DEPLOYED');

    const unknownVersion = await t.api('POST', '/api/flows/hello/deploy', { version: 99 });
    expect(unknownVersion.status).toBe(404);
    const badPercent = await t.api('POST', '/api/flows/hello/deploy', {
      version: 1,
      canary: { version: 1, percent: 150 },
    });
    expect(badPercent.status).toBe(400);
    expect(badPercent.json.error.details.problems[0].pointer).toContain('percent');
  });

  it('serves node types with credential kinds and health without a token', async () => {
    const types = await t.api('GET', '/api/node-types');
    expect(types.status).toBe(200);
    expect(types.json.nodeTypes.map((n: { type: string }) => n.type)).toContain('trigger.manual');
    expect(Array.isArray(types.json.credentialKinds)).toBe(true);
    const health = await t.api('GET', '/api/health', undefined, { token: null });
    expect(health.json.status).toBe('ok');
    const unknown = await t.api('GET', '/api/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('JX_NOT_FOUND');
  });
});
