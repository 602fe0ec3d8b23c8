import type { EngineEvent, RunRecord } from '@junction/runtime';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateServerSchema } from '../db/server-schema.ts';
import { sqliteDatabase } from '../db/sqlite-database.ts';
import { ServerMetrics } from './server-metrics.ts';

describe('ServerMetrics', () => {
  it('counts a run that waited and then succeeded once, under its final status', async () => {
    const db = sqliteDatabase(new Database(':memory:'));
    await migrateServerSchema(db);
    const metrics = new ServerMetrics(db, () => undefined);
    const run = { id: 'r1', flowId: 'f', flowVersion: 1, test: false } as RunRecord;
    for (const [type, status] of [
      ['run.started', 'running'],
      ['run.waiting', 'waiting'],
      ['run.completed', 'succeeded'],
    ] as const) {
      metrics.observe({ type, run: { ...run, status } } as unknown as EngineEvent);
    }
    expect(metrics.counters.entries('runs')).toEqual([
      { labels: { flow: 'f', status: 'succeeded', version: '1' }, value: 1 },
    ]);
    await metrics.close();
  });
});
