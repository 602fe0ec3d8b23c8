import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, createSqliteStore } from '@junction/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFlow, nodeSteps, openEngine, runFlow } from '../control/support/engine-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'junction-utility-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cache through the engine', () => {
  const flow = loadFlow(new URL('./fixtures/cached-price.json', import.meta.url));

  it('misses, stores, and hits in a new engine on the same SQLite file', async () => {
    const path = join(dir, 'cache.db');
    const first = createSqliteStore({ path });
    const engine1 = openEngine(first);
    const computed = await runFlow(engine1, first, flow, { sku: 'A1', base: 5, ttl: 60 });
    expect(computed).toMatchObject({
      status: 'succeeded',
      output: { sku: 'A1', price: 10, from: 'computed' },
    });
    await engine1.stop();
    await first.close();

    const second = createSqliteStore({ path });
    const engine2 = openEngine(second);
    const cached = await runFlow(engine2, second, flow, { sku: 'A1', base: 999, ttl: 60 });
    expect(cached).toMatchObject({ status: 'succeeded', output: { sku: 'A1', price: 10, from: 'cache' } });
    expect(await nodeSteps(second, cached.id, 'compute')).toEqual(['node.skipped']);
    await engine2.stop();
    await second.close();
  });

  it('expires an entry after its TTL', async () => {
    const store = createMemoryStore();
    const engine = openEngine(store);
    await runFlow(engine, store, flow, { sku: 'B2', base: 1, ttl: 0.05 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    const again = await runFlow(engine, store, flow, { sku: 'B2', base: 2, ttl: 0.05 });
    expect(again.output).toMatchObject({ price: 4, from: 'computed' });
    await engine.stop();
  });
});

describe('rate.limit through the engine', () => {
  const flow = loadFlow(new URL('./fixtures/rate-limited.json', import.meta.url));

  it('makes runs beyond the burst wait durably for a token', async () => {
    const store = createMemoryStore();
    const engine = openEngine(store);
    const runs = await Promise.all(
      [1, 2, 3].map(() => runFlow(engine, store, flow, { supplier: 'wait-test', mode: 'wait' })),
    );
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const waited = await Promise.all(runs.map((run) => nodeSteps(store, run.id, 'limit')));
    expect(waited.filter((steps) => steps.includes('node.waiting')).length).toBeGreaterThanOrEqual(2);
    await engine.stop();
  });

  it('routes to "limited" once the burst is used in route mode', async () => {
    const store = createMemoryStore();
    const engine = openEngine(store);
    const first = await runFlow(engine, store, flow, { supplier: 'route-test', mode: 'route' });
    const second = await runFlow(engine, store, flow, { supplier: 'route-test', mode: 'route' });
    expect(first.output).toBe('called');
    const limited = (await store.readJournal(second.id)).find(
      (entry) => entry.nodeId === 'limit' && entry.type === 'node.completed',
    );
    expect(limited?.output).toEqual({ limited: { supplier: 'route-test', mode: 'route' } });
    expect(await nodeSteps(store, second.id, 'call')).toEqual(['node.skipped']);
    await engine.stop();
  });
});
