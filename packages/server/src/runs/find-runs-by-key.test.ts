import type { RunRecord } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { serverDialects } from '../testing/server-databases.ts';
import { findRunsByKey } from './find-runs-by-key.ts';

const dialects = serverDialects('keys');

const run = (
  id: string,
  input: RunRecord['input'],
  createdAt: number,
  status: RunRecord['status'] = 'failed',
) =>
  ({
    id,
    flowId: 'orders',
    flowVersion: 1,
    flowHash: 'h',
    status,
    input,
    test: false,
    createdAt,
    updatedAt: createdAt,
  }) satisfies RunRecord;

describe.each(dialects)('findRunsByKey ($name)', ({ open }) => {
  it('matches whole input values at any depth and callback correlation keys, with the other filters', async () => {
    const { store, db } = await open();
    await store.createRun(run('r1', { order: 'A-1001' }, 1_000, 'succeeded'));
    await store.createRun(run('r2', { lines: [{ ref: 'A-1001' }], qty: 1001 }, 2_000));
    await store.createRun(run('r3', { note: 'A-1001 later', other: 'A-10011', odd: 'A_1001' }, 3_000));
    await store.createRun(run('r4', { order: 'quote"d\\key' }, 4_000));
    await store.createRun(run('r5', { order: 'SHOP-9' }, 5_000, 'waiting'));
    await store.flush();
    await db.run(
      "INSERT INTO srv_callbacks (channel, key, outcome, run_id, at) VALUES ('orders', 'SUP-9', 'matched', 'r5', 6000)",
    );
    await db.run(
      "INSERT INTO srv_callbacks (channel, key, outcome, at) VALUES ('orders', 'SUP-9', 'early', 5500)",
    );
    const ids = async (key: string, filter = {}) =>
      (await findRunsByKey({ db, store }, key, { limit: 50, ...filter })).map((r) => r.id);

    expect(await ids('A-1001')).toEqual(['r2', 'r1']);
    expect(await ids('A-1001', { status: 'failed' })).toEqual(['r2']);
    expect(await ids('A-1001', { since: 1_500 })).toEqual(['r2']);
    expect(await ids('A-1001', { limit: 1 })).toEqual(['r2']);
    expect(await ids('A-1001', { limit: 1, before: 'r2' })).toEqual(['r1']);
    expect(await ids('A-1001', { before: 'r1' })).toEqual([]);
    expect(await ids('A_100_')).toEqual([]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('1001')).toEqual(['r2']);
    expect(await ids('quote"d\\key')).toEqual(['r4']);
    expect(await ids('SUP-9')).toEqual(['r5']);
    expect(await ids('SUP-9', { flowId: 'another' })).toEqual([]);
  });
});
