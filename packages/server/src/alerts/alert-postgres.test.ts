import { randomBytes } from 'node:crypto';
import { createPostgresStore, type PostgresRunStore } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';
import { type Receiver, startReceiver } from './alert-receiver.test-helper.ts';

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `jx_alerts_${randomBytes(4).toString('hex')}`;
const masterKey = randomBytes(32).toString('hex');
let pg: PostgresRunStore;
let rx: Receiver;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  pg = createPostgresStore({ connectionString: PG_URL, schema });
  await pg.ready;
  rx = await startReceiver();
  const options = {
    databaseUrl: PG_URL,
    databaseSchema: schema,
    masterKey,
    logLevel: 'silent',
    egress: { allow: [rx.host] },
    alerts: { intervalMs: 0, channelBaseUrls: [rx.base], delivery: { attempts: 1, backoffMs: 1 } },
  };
  a = await startTestServer(options);
  b = await startTestServer(options);
  await a.api('PUT', '/api/flows/failing', fixture('failing'));
  await a.api('POST', '/api/flows/failing/versions');
  await a.api('POST', '/api/flows/failing/deploy', { version: 1 });
  for (let i = 0; i < 2; i++) await a.api('POST', '/api/flows/failing/runs?wait=true', { input: {} });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await rx?.close();
  await pg?.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pg?.close();
});

describe('alerts on PostgreSQL, two processes evaluating the same rules', () => {
  it('notify once on firing and once on recovery, whichever process gets there first', async () => {
    const created = await a.api('POST', '/api/alerts/rules', {
      name: 'Failures',
      kind: 'failure-rate',
      flowId: 'failing',
      threshold: 10,
      minRuns: 2,
      channels: [{ kind: 'feishu', url: `${rx.base}open-apis/bot/v2/hook/pg`, secret: 's' }],
    });
    expect(created.status).toBe(201);
    const now = Date.now();
    const fired = await Promise.all([a.server.alerts.evaluateOnce(now), b.server.alerts.evaluateOnce(now)]);
    expect(fired.flat().map((e) => e.type)).toEqual(['firing']);
    expect(rx.got).toHaveLength(1);
    // The rule is read from the shared database by the other process too.
    expect(
      (await b.api('GET', `/api/alerts/rules/${created.json.id}`, undefined, { token: a.token })).json
        .channels,
    ).toEqual([{ kind: 'feishu', host: rx.host, hasSecret: true, format: 'markdown', locale: 'zh-CN' }]);
    await a.api('PUT', `/api/alerts/rules/${created.json.id}`, {
      name: 'Failures',
      kind: 'failure-rate',
      flowId: 'failing',
      threshold: 100,
      minRuns: 2,
    });
    const resolved = await Promise.all([
      b.server.alerts.evaluateOnce(now + 1),
      a.server.alerts.evaluateOnce(now + 1),
    ]);
    expect(resolved.flat().map((e) => e.type)).toEqual(['resolved']);
    expect(rx.got).toHaveLength(2);
    const history = await b.api('GET', `/api/alerts/history?ruleId=${created.json.id}`, undefined, {
      token: a.token,
    });
    expect(
      history.json.events.map((e: { type: string; deliveries: { ok: boolean }[] }) => [
        e.type,
        e.deliveries[0]?.ok,
      ]),
    ).toEqual([
      ['resolved', true],
      ['firing', true],
    ]);
  });
});
