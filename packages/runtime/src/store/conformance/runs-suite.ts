import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../flow/flow-types.ts';
import type { RunRecord } from '../run-records.ts';
import { makeRun, type OpenStore, rejectionOf, useFreshStore } from './suite-context.ts';

/** Conformance: flow snapshots and runs (CRUD, filters, pagination, counts). */
export function describeRunsConformance(open: OpenStore): void {
  describe('flow snapshots and runs', () => {
    const store = useFreshStore(open);

    it('stores flow snapshots by hash, first write wins', async () => {
      const doc = { schemaVersion: 1, id: 'orders', name: 'Orders', nodes: [], edges: [] } as FlowDocument;
      await store().putFlowSnapshot('h1', doc);
      await store().putFlowSnapshot('h1', { ...doc, name: 'Other' });
      expect(await store().getFlowSnapshot('h1')).toEqual(doc);
      expect(await store().getFlowSnapshot('missing')).toBeUndefined();
    });

    it('round-trips every field of a run, including JSON null output', async () => {
      const full = makeRun('r-full', {
        flowVersion: null,
        status: 'failed',
        input: { list: [1, 'two', { three: true }], nothing: null, text: 'ünïcode/✓' },
        output: null,
        error: { code: 'JX_X', message: 'boom', details: { nodeId: 'n1' } },
        parentRunId: 'r-parent',
        test: true,
        finishedAt: 2_000,
        tags: { canary: true, route: 'abc' },
      });
      await store().createRun(full);
      await store().createRun(makeRun('r-min'));
      expect(await store().getRun('r-full')).toEqual(full);
      const minimal = await store().getRun('r-min');
      expect(minimal).toEqual(makeRun('r-min'));
      expect(minimal).not.toHaveProperty('output');
      expect(await store().getRun('nope')).toBeUndefined();
    });

    it('refuses a second run with the same id (JX_RUN_EXISTS) and keeps the first', async () => {
      await store().createRun(makeRun('r1'));
      const error = await rejectionOf(store().createRun(makeRun('r1', { flowId: 'other' })));
      expect(error.code).toBe('JX_RUN_EXISTS');
      expect((await store().getRun('r1'))?.flowId).toBe('orders');
    });

    it('patches runs without touching id, createdAt or unpatched fields', async () => {
      await store().createRun(makeRun('r1', { tags: { a: 1 } }));
      await store().updateRun('r1', { status: 'running', updatedAt: 1_500 });
      await store().updateRun('r1', {
        status: 'succeeded',
        output: { done: true },
        finishedAt: 1_900,
        updatedAt: 1_900,
        flowVersion: null,
      });
      expect(await store().getRun('r1')).toEqual(
        makeRun('r1', {
          tags: { a: 1 },
          status: 'succeeded',
          output: { done: true },
          finishedAt: 1_900,
          updatedAt: 1_900,
          flowVersion: null,
        }),
      );
      const error = await rejectionOf(store().updateRun('ghost', { status: 'failed' }));
      expect(error.code).toBe('JX_RUN_NOT_FOUND');
    });

    describe('listing and counting', () => {
      const seed = async (): Promise<RunRecord[]> => {
        const runs = [
          makeRun('a', { createdAt: 100, status: 'succeeded' }),
          makeRun('b', { createdAt: 200, status: 'failed', flowVersion: 2 }),
          makeRun('c', { createdAt: 300, status: 'waiting', flowId: 'sync' }),
          makeRun('d', { createdAt: 300, status: 'running', test: true }),
          makeRun('e', { createdAt: 300, status: 'queued', parentRunId: 'c' }),
          makeRun('f', { createdAt: 400, status: 'succeeded', flowVersion: 2 }),
        ];
        for (const run of runs) await store().createRun(run);
        return runs;
      };
      const ids = (runs: RunRecord[]): string[] => runs.map((run) => run.id);

      it('lists newest first, ties broken by id descending', async () => {
        await seed();
        expect(ids(await store().listRuns())).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
      });

      it('filters by flow, version, status, time window, test and parent', async () => {
        await seed();
        expect(ids(await store().listRuns({ flowId: 'sync' }))).toEqual(['c']);
        expect(ids(await store().listRuns({ flowVersion: 2 }))).toEqual(['f', 'b']);
        expect(ids(await store().listRuns({ status: 'succeeded' }))).toEqual(['f', 'a']);
        expect(ids(await store().listRuns({ status: ['queued', 'running'] }))).toEqual(['e', 'd']);
        expect(ids(await store().listRuns({ since: 200, until: 400 }))).toEqual(['e', 'd', 'c', 'b']);
        expect(ids(await store().listRuns({ test: true }))).toEqual(['d']);
        expect(ids(await store().listRuns({ test: false, flowId: 'orders', status: 'succeeded' }))).toEqual([
          'f',
          'a',
        ]);
        expect(ids(await store().listRuns({ parentRunId: 'c' }))).toEqual(['e']);
        expect(await store().listRuns({ flowId: 'none' })).toEqual([]);
      });

      it('filters by the environment a run is tagged with', async () => {
        await seed();
        await store().createRun(makeRun('g', { createdAt: 500, tags: { environment: 'sandbox' } }));
        await store().createRun(
          makeRun('h', { createdAt: 600, tags: { environment: 'production', canary: true } }),
        );
        expect(ids(await store().listRuns({ environment: 'sandbox' }))).toEqual(['g']);
        expect(ids(await store().listRuns({ environment: 'production' }))).toEqual(['h']);
        expect(ids(await store().listRuns({ environment: 'staging' }))).toEqual([]);
      });

      it('paginates with limit and before without gaps or repeats, even within one millisecond', async () => {
        await seed();
        const pages: string[][] = [];
        let before: string | undefined;
        for (;;) {
          const page = await store().listRuns({ limit: 2, ...(before ? { before } : {}) });
          if (page.length === 0) break;
          pages.push(ids(page));
          before = page[page.length - 1]?.id;
        }
        expect(pages).toEqual([
          ['f', 'e'],
          ['d', 'c'],
          ['b', 'a'],
        ]);
        expect(ids(await store().listRuns({ before: 'd', status: 'succeeded' }))).toEqual(['a']);
        const error = await rejectionOf(store().listRuns({ before: 'ghost' }));
        expect(error.code).toBe('JX_RUN_NOT_FOUND');
      });

      it('counts runs per status, zero for absent statuses, with filters', async () => {
        await seed();
        expect(await store().countRuns()).toEqual({
          queued: 1,
          running: 1,
          waiting: 1,
          succeeded: 2,
          failed: 1,
          cancelled: 0,
        });
        const v2 = await store().countRuns({ flowVersion: 2 });
        expect(v2).toMatchObject({ succeeded: 1, failed: 1, queued: 0 });
        expect(await store().countRuns({ status: ['succeeded', 'waiting'], flowId: 'orders' })).toMatchObject(
          {
            succeeded: 2,
            waiting: 0,
            failed: 0,
          },
        );
      });
    });
  });
}
