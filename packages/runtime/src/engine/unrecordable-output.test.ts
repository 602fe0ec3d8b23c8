import { afterEach, describe, expect, it } from 'vitest';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, storeKinds, testRegistry } from './engine-test-kit.ts';
import type { RunResult } from './engine-types.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Resolves with the run's result, or rejects when it does not end within `ms`: a hang fails the test. */
function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms)),
  ]);
}

describe.each(storeKinds)('expression results are copies of the bindings ($name store)', ({ create }) => {
  // n1 is followed by other nodes; n4 is the sink, whose completion is flushed only with the run's end.
  it.each([
    ['n1', { start: { out: { n: 1 } }, n0: { out: { n: 1 } } }],
    [
      'n4',
      {
        start: { out: { n: 1 } },
        n0: { out: { n: 1 } },
        n1: { out: { n: 1 } },
        n2: { out: { n: 1 } },
        n3: { out: { n: 1 } },
      },
    ],
  ])('maps "=$nodes" in %s to a plain snapshot and finishes the run', async (nodeId, expected) => {
    const store = create();
    const engine = createEngine({ store, registry: testRegistry() });
    cleanups.push(() => store.close());
    const flow = fixture('chain');
    flow.nodes.find((node) => node.id === nodeId)!.config = { value: '=$nodes' };
    const handle = await engine.start(flow, { input: { n: 1 } });
    expect((await within(handle.done)).status).toBe('succeeded');
    expect((await store.getRun(handle.id))?.status).toBe('succeeded');
    const completed = (await store.readJournal(handle.id)).find(
      (entry) => entry.type === 'node.completed' && entry.nodeId === nodeId,
    );
    expect(completed?.output).toEqual({ out: expected });
  });
});

describe('a completion that cannot be recorded', () => {
  function failingStore(): RunStore {
    const store = storeKinds[0]!.create();
    const appendJournal = store.appendJournal.bind(store);
    // Refuses the one entry the test is about, as a store that cannot serialise it would.
    store.appendJournal = async (entries) => {
      if (entries.some((entry) => entry.type === 'node.completed' && entry.nodeId === 'n2'))
        throw new Error('cannot store this output');
      return appendJournal(entries);
    };
    return store;
  }

  it.each(['step', 'run'] as const)(
    'fails the run with a code (durability %s), never hangs',
    async (durability) => {
      const store = failingStore();
      const engine = createEngine({ store, registry: testRegistry(), durability });
      const handle = await engine.start(fixture('chain'), { input: {} });
      const result: RunResult = await within(handle.done);
      expect(result).toMatchObject({ status: 'failed', error: { code: 'JX_JOURNAL_WRITE_FAILED' } });
      expect((await store.getRun(handle.id))?.status).toBe('failed');
    },
  );
});
