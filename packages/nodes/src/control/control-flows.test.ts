import { createMemoryStore } from '@junction/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFlow, nodeSteps, openEngine, runFlow } from './support/engine-harness.ts';

// One engine for the file: every run has its own id, so tests do not interfere.
const store = createMemoryStore();
const engine = openEngine(store);
afterAll(() => engine.stop());

describe('if, switch and merge through the engine', () => {
  const ifMerge = loadFlow(new URL('./fixtures/if-merge.json', import.meta.url));
  const switchFlow = loadFlow(new URL('./fixtures/switch.json', import.meta.url));

  it('takes one branch of an if, skips the other, and merges after both', async () => {
    const big = await runFlow(engine, store, ifMerge, { amount: 500 });
    expect(big.status).toBe('succeeded');
    expect(big.output).toEqual({ a: { size: 'big', amount: 500 }, b: { a: { size: 'big', amount: 500 } } });
    expect(await nodeSteps(store, big.id, 'small')).toEqual(['node.skipped']);

    const small = await runFlow(engine, store, ifMerge, { amount: 5 });
    expect(small.output).toEqual({ a: { size: 'small', amount: 5 }, b: { b: { size: 'small', amount: 5 } } });
    expect(await nodeSteps(store, small.id, 'big')).toEqual(['node.skipped']);
  });

  it('fires every matching case of a switch in "all" mode, or the default', async () => {
    const both = await runFlow(engine, store, switchFlow, { order_state: 'failed', amount: 5000 });
    expect(both.output).toEqual(['refund', 'review']);
    expect(await nodeSteps(store, both.id, 'deliver')).toEqual(['node.skipped']);
    const none = await runFlow(engine, store, switchFlow, { order_state: 'processing', amount: 1 });
    expect(none.output).toEqual(['wait']);
  });
});
