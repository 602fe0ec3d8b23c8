import { describe, expect, it } from 'vitest';
import { JunctionError } from '../errors/junction-error.ts';
import { defineNode } from '../node/node-type.ts';
import type { RunRecord } from '../store/run-records.ts';
import type { RunStore } from '../store/run-store.ts';
import { createEngine } from './create-engine.ts';
import { createProbe, fixture, storeKinds, testRegistry } from './engine-test-kit.ts';
import { reopenFailedRun } from './reopen-failed-run.ts';

/** A node that fails while its gate is shut; records every key it was called with. */
function gatedRegistry() {
  const probe = createProbe();
  const gate = { open: false, keys: [] as string[], attempts: [] as number[] };
  const registry = testRegistry(probe).register(
    defineNode({
      type: 'test.gate',
      version: 1,
      title: 'Gate',
      category: 'utility',
      description: 'fails while shut',
      config: {},
      inputs: ['in'],
      outputs: ['out'],
      run: (ctx) => {
        gate.keys.push(ctx.idempotencyKey);
        gate.attempts.push(ctx.attempt);
        if (!gate.open) throw new JunctionError('JX_TEST_GATE_SHUT', 'the gate is shut', {});
        return { out: { passed: ctx.input } };
      },
    }),
  );
  return { probe, gate, registry };
}

async function settled(store: RunStore, runId: string): Promise<RunRecord> {
  for (let i = 0; i < 500; i++) {
    const run = await store.getRun(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`run ${runId} did not settle`);
}

describe.each(storeKinds)('retrying a failed run ($name)', ({ create }) => {
  it('continues the same run: completed nodes never run again, the failed one reruns with its key', async () => {
    const store = create();
    const { probe, gate, registry } = gatedRegistry();
    const flow = fixture('chain');
    flow.nodes[3] = {
      ...flow.nodes[3]!,
      type: 'test.gate',
      config: {},
      retry: { maxAttempts: 2, backoff: 'fixed', delayMs: 1, jitter: 0 },
    };
    const engine = createEngine({ store, registry });
    const handle = await engine.start(flow, { input: 'x' });
    expect(await handle.done).toMatchObject({ status: 'failed', error: { code: 'JX_TEST_GATE_SHUT' } });
    expect(probe.order).toEqual(['n0', 'n1']);

    gate.open = true;
    const reopened = await reopenFailedRun(store, handle.id, 5_000);
    expect(reopened).toEqual({ runId: handle.id, retry: 1, children: [] });
    expect(await store.getRun(handle.id)).toMatchObject({ status: 'queued', tags: { retries: 1 } });
    await engine.wake(handle.id);
    const run = await settled(store, handle.id);
    expect(run.status).toBe('succeeded');
    expect(run).not.toHaveProperty('error');
    expect(run.finishedAt).toBeGreaterThan(0);
    // n0 and n1 ran once, before the failure; n3 and n4 only after the retry.
    expect(probe.order).toEqual(['n0', 'n1', 'n3', 'n4']);
    // Two attempts before, a fresh count after; every call with the same key.
    expect(gate.attempts).toEqual([1, 2, 1]);
    expect(new Set(gate.keys)).toEqual(new Set([`${handle.id}:n2`]));
    const types = (await store.readJournal(handle.id)).map((e) => `${e.type}:${e.nodeId ?? ''}`);
    expect(types.filter((t) => t === 'node.completed:n0')).toHaveLength(1);
    expect(types.slice(types.indexOf('run.failed:'))).toEqual([
      'run.failed:',
      'run.retried:',
      'node.started:n2',
      'node.completed:n2',
      'node.started:n3',
      'node.completed:n3',
      'node.started:n4',
      'node.completed:n4',
      'run.completed:',
    ]);
    await engine.stop();
    await store.close();
  });

  it('refuses runs that are not failed and sub-flow runs, with codes', async () => {
    const store = create();
    const { registry } = gatedRegistry();
    const engine = createEngine({ store, registry });
    const ok = await engine.start(fixture('chain'), { input: 'x' });
    await ok.done;
    const refusal = (runId: string) =>
      reopenFailedRun(store, runId).then(
        () => undefined,
        (error: JunctionError) => ({ code: error.code, details: error.details }),
      );
    expect(await refusal(ok.id)).toEqual({
      code: 'JX_RUN_NOT_FAILED',
      details: { runId: ok.id, status: 'succeeded' },
    });
    expect(await refusal('nope')).toMatchObject({ code: 'JX_RUN_NOT_FOUND' });
    const failedChild = fixture('chain');
    failedChild.nodes[1] = { ...failedChild.nodes[1]!, type: 'test.gate', config: {} };
    const child = await engine.start(failedChild, { input: 'x', parentRunId: ok.id });
    expect((await child.done).status).toBe('failed');
    expect(await refusal(child.id)).toMatchObject({
      code: 'JX_RUN_RETRY_CHILD',
      details: { parentRunId: ok.id },
    });
    await engine.stop();
    await store.close();
  });
});

describe('retrying a run whose sub-flow run failed', () => {
  it('reopens the failed child with the parent; the child continues under its own id and keys', async () => {
    const store = storeKinds[1]!.create();
    const { gate, registry } = gatedRegistry();
    registry.register(
      defineNode({
        type: 'test.callOrFail',
        version: 1,
        title: 'Call, fail with the child',
        category: 'utility',
        description: 'runs the sub-flow in config.document and fails when it failed',
        config: {},
        rawConfigKeys: ['document'],
        inputs: ['in'],
        outputs: ['out'],
        run: async (ctx) => {
          const child = await ctx.subflow({ document: ctx.config.document as never }, ctx.input, {
            key: 'only',
          });
          if (child.status !== 'succeeded')
            throw new JunctionError('JX_TEST_CHILD_FAILED', `child ${child.runId} ${child.status}`, {});
          return { out: child.output };
        },
      }),
    );
    const child = fixture('chain');
    child.id = 'child';
    child.nodes[2] = { ...child.nodes[2]!, type: 'test.gate', config: {} };
    const parent = fixture('chain');
    parent.nodes[1] = { ...parent.nodes[1]!, type: 'test.callOrFail', config: { document: child as never } };
    const engine = createEngine({ store, registry });
    const handle = await engine.start(parent, { input: 'x' });
    expect((await handle.done).status).toBe('failed');
    const [failedChild] = await store.listRuns({ parentRunId: handle.id });
    expect(failedChild?.status).toBe('failed');

    gate.open = true;
    const reopened = await reopenFailedRun(store, handle.id);
    expect(reopened.children).toEqual([failedChild!.id]);
    await engine.wake(handle.id);
    expect((await settled(store, handle.id)).status).toBe('succeeded');
    expect((await store.getRun(failedChild!.id))?.status).toBe('succeeded');
    expect(await store.listRuns({ parentRunId: handle.id })).toHaveLength(1);
    expect(new Set(gate.keys)).toEqual(new Set([`${failedChild!.id}:n1`]));
    await engine.stop();
    await store.close();
  });
});
