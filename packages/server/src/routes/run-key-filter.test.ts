import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const SECRET = 'cb-SECRET-key-filter-77';
let t: TestServer;
const ids: Record<string, string> = {};

async function callback(body: unknown) {
  const raw = JSON.stringify(body);
  const signature = createHmac('sha256', SECRET).update(raw).digest('hex');
  const headers = { 'content-type': 'application/json', 'x-signature': signature };
  return t.api('POST', '/callbacks/orders', undefined, { token: null, raw, headers });
}

async function start(input: unknown): Promise<string> {
  const started = await t.api('POST', '/api/flows/await-order/runs?wait=true', { input });
  expect(started.json.run.status).toBe('waiting');
  return started.json.run.id;
}

async function found(query: string): Promise<string[]> {
  const answer = await t.api('GET', `/api/runs?${query}`);
  expect(answer.status, query).toBe(200);
  return answer.json.runs.map((r: { id: string }) => r.id);
}

beforeAll(async () => {
  t = await startTestServer();
  await t.api('POST', '/api/credentials', {
    id: 'callback-signing',
    name: 'Supplier callbacks',
    kind: 'hmac-header',
    allowedHosts: ['supplier.test'],
    data: { secret: SECRET },
  });
  const flow = fixture('await');
  // The supplier's order number is not the shop's: the callback's key is derived from the input.
  flow.nodes[1]!.config = { ...flow.nodes[1]!.config, correlationKey: '="SUP-" & order' };
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  await t.api('POST', `/api/flows/${flow.id}/deploy`, { version });

  ids.paid = await start({ order: 'A-1001', amount: 30 });
  expect((await callback({ order_no: 'SUP-A-1001', state: 'success' })).status).toBe(200);
  ids.other = await start({ order: 'A-1002', amount: 1001 });
  ids.nested = await start({ order: 'B-7', lines: [{ ref: { customer_order_no: 'A-1001' } }] });
  ids.lookalike = await start({ order: 'C-3', note: 'A-1001 was cancelled, see A-10012' });
  for (let i = 0; i < 100; i++) {
    const run = (await t.api('GET', `/api/runs/${ids.paid}`)).json.run;
    if (run.status === 'succeeded') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
afterAll(async () => t.close());

describe('GET /api/runs?key= — what happened to order A-1001', () => {
  it('finds runs whose trigger input holds the key as a value, at any depth, newest first', async () => {
    expect(await found('key=A-1001')).toEqual([ids.nested, ids.paid]);
    // Whole values only, and LIKE's wildcards are plain characters.
    expect(await found('key=A-100')).toEqual([]);
    expect(await found('key=A-100_')).toEqual([]);
    expect(await found('key=%25')).toEqual([]);
    // A number in the input.
    expect(await found('key=1001')).toEqual([ids.other]);
  });

  it('finds the run a callback with that correlation key resumed, with the story in its journal', async () => {
    expect(await found('key=SUP-A-1001')).toEqual([ids.paid]);
    const detail = (await t.api('GET', `/api/runs/${ids.paid}`)).json;
    expect(detail.run.status).toBe('succeeded');
    const types = detail.journal.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['node.waiting', 'node.resumed', 'run.completed']));
  });

  it('combines the key with the other filters and refuses a bad one with a code', async () => {
    expect(await found('key=A-1001&status=succeeded')).toEqual([ids.paid]);
    expect(await found('key=A-1001&status=waiting')).toEqual([ids.nested]);
    expect(await found('key=A-1001&flowId=another-flow')).toEqual([]);
    expect(await found('key=A-1001&limit=1')).toEqual([ids.nested]);
    const paid = (await t.api('GET', `/api/runs/${ids.paid}`)).json.run;
    expect(await found(`key=A-1001&from=${paid.createdAt}&to=${paid.createdAt + 1}`)).toEqual([ids.paid]);
    const empty = await t.api('GET', '/api/runs?key=');
    expect(empty.status).toBe(400);
    expect(empty.json.error.code).toMatch(/^JX_/);
  });

  it('looks callbacks up through an index on their correlation key', async () => {
    const db = new Database(join(t.dataDir, 'junction.db'), { readonly: true });
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT DISTINCT run_id FROM srv_callbacks WHERE key = ? AND run_id IS NOT NULL',
      )
      .all('SUP-A-1001') as { detail: string }[];
    db.close();
    expect(plan.map((row) => row.detail).join(' ')).toContain('srv_callbacks_by_key');
  });
});
