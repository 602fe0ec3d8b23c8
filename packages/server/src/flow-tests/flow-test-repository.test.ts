import { describe, expect, it } from 'vitest';
import { migrateServerSchema } from '../db/server-schema.ts';
import { FlowRepository } from '../flows/flow-repository.ts';
import { serverDialects } from '../testing/server-databases.ts';
import { FlowTestRepository } from './flow-test-repository.ts';
import type { TestFileResult } from './run-test-file.ts';

const dialects = serverDialects('flow-tests');

const result = (passed: boolean[]): TestFileResult =>
  ({
    file: 'f.tests.json',
    flowId: 'f',
    passed: passed.every(Boolean),
    cases: passed.map((p, i) => ({ name: `c${i}`, passed: p })),
  }) as TestFileResult;

describe.each(dialects)('flow test files and version results ($name)', ({ open }) => {
  it('stores, replaces and forgets a test file, and records one result per version', async () => {
    const { db } = await open();
    // Twice, as a second process starting on the same database would: nothing is applied again.
    await migrateServerSchema(db);
    const tests = new FlowTestRepository(db);
    expect(await tests.find('f')).toBeUndefined();
    await tests.save('f', { schemaVersion: 1, cases: [{ name: 'a', expect: {} }] }, 1_000);
    const file = {
      schemaVersion: 1 as const,
      cases: [{ name: 'b', expect: { status: 'succeeded' as const } }],
    };
    await tests.save('f', file, 2_000);
    expect(await tests.find('f')).toEqual({ tests: file, updatedAt: 2_000 });

    expect(await tests.record('f', 1, result([true, false, false]), 3_000)).toEqual({
      passed: false,
      ranAt: 3_000,
      total: 3,
      failed: 2,
    });
    await tests.record('f', 1, result([true, true]), 4_000);
    await tests.record('f', 2, result([false]), 5_000);
    expect(await tests.summary('f', 1)).toEqual({ passed: true, ranAt: 4_000, total: 2, failed: 0 });
    expect([...(await tests.summaries('f'))]).toEqual([
      [1, { passed: true, ranAt: 4_000, total: 2, failed: 0 }],
      [2, { passed: false, ranAt: 5_000, total: 1, failed: 1 }],
    ]);
    expect(await tests.summary('f', 3)).toBeUndefined();
  });

  it('deleting the flow deletes its tests and their results', async () => {
    const { db } = await open();
    const flows = new FlowRepository(db);
    const tests = new FlowTestRepository(db);
    await flows.save({ schemaVersion: 1, id: 'g', name: 'G', nodes: [], edges: [] });
    await tests.save('g', { schemaVersion: 1, cases: [{ name: 'a', expect: {} }] });
    await tests.record('g', 1, result([true]));
    await flows.delete('g');
    expect(await tests.find('g')).toBeUndefined();
    expect((await tests.summaries('g')).size).toBe(0);
  });
});
