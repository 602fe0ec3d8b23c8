import { describe, expect, it } from 'vitest';
import type { Json } from '../flow/json.ts';
import { defineNode } from '../node/node-type.ts';
import { isSealed, SEALED_PREFIX } from '../sealing/sealed-value.ts';
import { openSealed, type ValueSealer } from '../sealing/value-sealer.ts';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, storeKinds, tempSqlitePath, testRegistry } from './engine-test-kit.ts';
import type { EngineEvent } from './engine-types.ts';

const PASSWORD = 'PWD-7f3a9c2e';
const NUMBER = 'CN-10000001-0042';

/** Unit-test stand-in for the server's AES-GCM sealer: reversible, and the plain text is not in it. */
const sealer: ValueSealer = {
  seal: (plain) => Buffer.from(plain, 'utf8').toString('base64url'),
  open: (token) => Buffer.from(token, 'base64url').toString('utf8'),
};

function registry() {
  return testRegistry().register(
    defineNode({
      type: 'test.cards',
      version: 1,
      title: 'Cards',
      category: 'utility',
      description: 'test node with sensitive outputs',
      config: {},
      inputs: ['in'],
      outputs: ['out'],
      sensitiveOutputs: ['/out/*/card_number', '/out/*/card_pwd'],
      run: () => ({ out: [{ card_number: NUMBER, card_pwd: PASSWORD, card_deadline: '2027-12-31' }] }),
    }),
  );
}

/** Everything the store holds for a run, as one string. */
async function atRest(store: RunStore, runId: string): Promise<string> {
  return JSON.stringify([await store.getRun(runId), await store.readJournal(runId)]);
}

describe.each(storeKinds)('sealed outputs at rest ($name store)', ({ create }) => {
  it('journal and run record hold no card key; downstream nodes and done get them plain', async () => {
    const store = create();
    const events: EngineEvent[] = [];
    const engine = createEngine({ store, registry: registry(), sealer });
    engine.on((event) => events.push(event));
    const handle = await engine.start(fixture('sealed-cards'));
    expect((await handle.done).status).toBe('waiting');
    await engine.resume('supplier', 'order-1', { ok: true });
    const run = await waitFinished(store, handle.id);

    const stored = await atRest(store, handle.id);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(NUMBER);
    expect(stored).toContain(SEALED_PREFIX);
    // Not sensitive, not sealed: only what holds a card key is.
    expect(stored).toContain('2027-12-31');
    const emitted = JSON.stringify(events.filter((event) => event.type !== 'run.response'));
    expect(emitted).not.toContain(PASSWORD);

    // The deliver node computed from plain values, and opening the record gives them back.
    const output = openSealed(sealer, run.output as Json) as Record<string, Json>;
    expect(output.shout).toBe(PASSWORD.toUpperCase());
    expect(output.note).toBe(`卡密 ${PASSWORD}`);
    expect(output.cards).toEqual([{ card_number: NUMBER, card_pwd: PASSWORD, card_deadline: '2027-12-31' }]);
    await store.close();
  });
});

describe('sealed outputs survive a restart', () => {
  it('a new engine replays the sealed journal with plain values and seals what it writes', async () => {
    const path = tempSqlitePath();
    const first = storeKinds[1]!.create(path);
    const before = createEngine({ store: first, registry: registry(), sealer });
    const handle = await before.start(fixture('sealed-cards'));
    expect((await handle.done).status).toBe('waiting');
    await before.stop();
    await first.close();

    // The process is gone; another one opens the same file and the callback arrives there.
    const store = storeKinds[1]!.create(path);
    const after = createEngine({ store, registry: registry(), sealer });
    await after.recover({ force: true });
    await after.resume('supplier', 'order-1', { ok: true });
    const run = await waitFinished(store, handle.id);
    expect(run.status).toBe('succeeded');
    const output = run.output as Record<string, Json>;
    // Computed after the replay: from the opened value, not from its sealed form.
    expect(output.shout).toBe(PASSWORD.toUpperCase());
    expect(isSealed(output.note)).toBe(true);
    expect(await atRest(store, handle.id)).not.toContain(PASSWORD);
    await after.stop();
    await store.close();
  });
});

async function waitFinished(store: RunStore, runId: string) {
  for (let i = 0; i < 500; i++) {
    const run = await store.getRun(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('sealed outputs of sub-flows', () => {
  it('a child run given card keys stores them sealed, and the parent gets its result plain', async () => {
    const store = storeKinds[1]!.create();
    const engine = createEngine({ store, registry: registry(), sealer });
    const flow = fixture('sealed-cards');
    const child = {
      schemaVersion: 1 as const,
      id: 'child',
      name: 'child',
      nodes: [
        { id: 'in', type: 'test.trigger', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        {
          id: 'copy',
          type: 'test.map',
          typeVersion: 1,
          position: { x: 0, y: 0 },
          config: { value: '={"pwd": $[0].card_pwd, "shout": $uppercase($[0].card_pwd)}' },
        },
      ],
      edges: [{ id: 'c1', source: { node: 'in', port: 'out' }, target: { node: 'copy', port: 'in' } }],
    };
    flow.nodes = flow.nodes.filter((node) => node.id === 'start' || node.id === 'cards');
    flow.nodes.push({
      id: 'sub',
      type: 'test.subflow',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { document: child as unknown as Json },
    });
    flow.edges = [
      flow.edges[0]!,
      { id: 'e9', source: { node: 'cards', port: 'out' }, target: { node: 'sub', port: 'in' } },
    ];
    const handle = await engine.start(flow);
    const result = await handle.done;
    expect(result.status).toBe('succeeded');
    const output = result.output as { out: { output: { pwd: string; shout: string } } } | { output: unknown };
    expect(JSON.stringify(output)).toContain(PASSWORD);
    const children = await store.listRuns({ parentRunId: handle.id });
    expect(children).toHaveLength(1);
    expect(await atRest(store, children[0]!.id)).not.toContain(PASSWORD);
    expect(await atRest(store, handle.id)).not.toContain(PASSWORD);
    await engine.stop();
    await store.close();
  });
});
