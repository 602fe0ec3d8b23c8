import type { FlowDocument } from '@junction/runtime';
import Database from 'better-sqlite3';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { migrateServerSchema } from '../db/server-schema.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { fixture, startTestServer } from '../testing/test-server.ts';
import { type FireSchedule, Scheduler } from './scheduler.ts';

const FLOW: FlowDocument = {
  schemaVersion: 1,
  id: 'nightly',
  name: 'Every second',
  nodes: [
    {
      id: 'tick',
      type: 'trigger.schedule',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { cron: '* * * * * *' },
    },
  ],
  edges: [],
};
const deployed = [{ flowId: 'nightly', version: 1, canary: false, document: FLOW }];

async function setup(fire: FireSchedule, db = new Database(':memory:')) {
  await migrateServerSchema(sqliteDatabase(db));
  const scheduler = new Scheduler(sqliteDatabase(db), fire, pino({ level: 'silent' }));
  return { db, scheduler };
}

describe('Scheduler', () => {
  it('fires each due time once, under a deterministic run id, and advances', async () => {
    const fired: string[] = [];
    const { db, scheduler } = await setup(async ({ runId }) => void fired.push(runId));
    const now = Date.UTC(2026, 0, 1, 0, 0, 0, 500);
    await scheduler.rebuild(deployed, now);
    const { next_at: first } = db.prepare('SELECT next_at FROM srv_schedules').get() as { next_at: number };
    expect(first).toBe(Date.UTC(2026, 0, 1, 0, 0, 1));
    expect(await scheduler.tick(now)).toBe(0);
    expect(await scheduler.tick(first)).toBe(1);
    expect(await scheduler.tick(first)).toBe(0);
    expect(fired).toEqual([`schedule:nightly:tick:${first}`]);
    const { next_at: second } = db.prepare('SELECT next_at FROM srv_schedules').get() as { next_at: number };
    expect(second).toBe(first + 1000);
  });

  it('neither loses nor doubles a fire across a restart', async () => {
    const db = new Database(':memory:');
    const now = Date.UTC(2026, 0, 1);
    const due = now + 1000;
    // The runs a durable store holds; starting an id twice fails like the engine does.
    const stored = new Set<string>();
    const start: FireSchedule = async ({ runId }) => {
      if (stored.has(runId)) throw Object.assign(new Error('exists'), { code: 'JX_RUN_EXISTS' });
      stored.add(runId);
    };
    await (await setup(start, db)).scheduler.rebuild(deployed, now);

    // Crash 1: the process died before starting the run. The row is still due: nothing is lost.
    const afterCrash = await setup(start, db);
    await afterCrash.scheduler.rebuild(deployed, due + 5000);
    expect((db.prepare('SELECT next_at FROM srv_schedules').get() as { next_at: number }).next_at).toBe(due);

    // Crash 2: the run was stored but the row not advanced. The retry hits JX_RUN_EXISTS: no double.
    stored.add(`schedule:nightly:tick:${due}`);
    expect(await afterCrash.scheduler.tick(due + 5000)).toBe(0);
    expect([...stored]).toEqual([`schedule:nightly:tick:${due}`]);
    const { next_at: next } = db.prepare('SELECT next_at FROM srv_schedules').get() as { next_at: number };
    expect(next).toBeGreaterThan(due + 5000);
  });

  it('forgets schedules of flows that are no longer deployed', async () => {
    const { db, scheduler } = await setup(async () => {});
    await scheduler.rebuild(deployed);
    await scheduler.rebuild([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM srv_schedules').get()).toEqual({ n: 0 });
  });

  it('starts scheduled runs of a deployed flow in the server', async () => {
    const t = await startTestServer({ scheduleIntervalMs: 50 });
    try {
      const flow = { ...fixture('hello'), id: 'every-second' };
      flow.nodes[0] = { ...FLOW.nodes[0]! };
      flow.edges[0]!.source.node = 'tick';
      expect((await t.api('PUT', '/api/flows/every-second', flow)).status).toBe(200);
      await t.api('POST', '/api/flows/every-second/versions');
      await t.api('POST', '/api/flows/every-second/deploy', { version: 1 });
      let runs = await t.api('GET', '/api/runs?flowId=every-second');
      for (let i = 0; i < 60 && runs.json.runs.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        runs = await t.api('GET', '/api/runs?flowId=every-second');
      }
      expect(runs.json.runs[0]).toMatchObject({ flowVersion: 1, input: { scheduledAt: expect.any(String) } });
      expect(runs.json.runs[0].id).toMatch(/^schedule:every-second:tick:\d+$/);
    } finally {
      await t.close();
    }
  });
});
