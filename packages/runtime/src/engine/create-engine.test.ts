import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow/flow-types.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createEngine } from './create-engine.ts';
import { createProbe, fixture, testRegistry } from './engine-test-kit.ts';
import type { EngineEvent } from './engine-types.ts';

function setup(options: { concurrency?: number } = {}) {
  const probe = createProbe();
  const store = createMemoryStore();
  const engine = createEngine({ store, registry: testRegistry(probe), ...options });
  const events: EngineEvent[] = [];
  engine.on((event) => events.push(event));
  const run = async (flow: FlowDocument, input: unknown, extra: Parameters<typeof engine.start>[1] = {}) => {
    const handle = await engine.start(flow, { input: input as never, ...extra });
    return { handle, result: await handle.done };
  };
  return { probe, store, engine, events, run };
}

function nodeEvents(events: EngineEvent[], type: EngineEvent['type']): string[] {
  return events.filter((event) => event.type === type).map((event) => (event as { nodeId: string }).nodeId);
}

describe('createEngine: scheduling', () => {
  it('takes the branch chosen by the condition, skips the other and joins the live inputs', async () => {
    const { run, events, store } = setup();
    const { handle, result } = await run(fixture('branches'), { go: true, name: 'ada' });
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ a: 'yes:ada', c: 'ada' });
    expect(nodeEvents(events, 'node.skipped').sort()).toEqual(['afterNo', 'no']);
    const journal = await store.readJournal(handle.id);
    expect(journal.map((entry) => entry.seq)).toEqual(journal.map((_, i) => i + 1));
    expect(journal[0]?.type).toBe('run.started');
    expect(journal.at(-1)?.type).toBe('run.completed');
    expect((await store.getRun(handle.id))?.status).toBe('succeeded');
  });

  it('runs the other branch when the condition is false', async () => {
    const { run, events } = setup();
    const { result } = await run(fixture('branches'), { go: false, name: 'bob' });
    expect(result.output).toEqual({ b: 'no', c: 'bob' });
    expect(nodeEvents(events, 'node.skipped')).toEqual(['yes']);
  });

  it('runs independent branches in parallel within the flow concurrency limit', async () => {
    const { run, probe } = setup();
    const { result } = await run(fixture('parallel'), {});
    expect(result.status).toBe('succeeded');
    expect(probe.maxRunning).toBe(2);
  });

  it('uses the engine default concurrency when the flow sets none', async () => {
    const { run, probe } = setup({ concurrency: 4 });
    const flow = fixture('parallel');
    delete flow.settings;
    await run(flow, {});
    expect(probe.maxRunning).toBe(4);
  });

  it('resolves expressions with $, $nodes, $vars, $run and $trigger', async () => {
    const { run } = setup();
    const { result } = await run(fixture('expressions'), { id: 7 });
    expect(result.output).toBe('o-7/eu/expressions/7/o-7');
  });

  it('passes the input through a disabled node on its first output', async () => {
    const { run, events } = setup();
    const flow = fixture('chain');
    flow.nodes.find((node) => node.id === 'n2')!.disabled = true;
    flow.nodes.find((node) => node.id === 'n1')!.config = { value: 'from-n1' };
    const { result } = await run(flow, 'in');
    expect(result.output).toBe('from-n1');
    expect(nodeEvents(events, 'node.started')).not.toContain('n2');
  });

  it('uses pinned outputs instead of running the node, and stopAfter skips what is not upstream', async () => {
    const { run, events, store } = setup();
    const { handle, result } = await run(
      fixture('branches'),
      { go: true, name: 'x' },
      {
        pinned: { yes: { out: 'pinned!' } },
        stopAfter: 'yes',
      },
    );
    expect(result.output).toBe('pinned!');
    expect(nodeEvents(events, 'node.started')).toEqual(['start', 'check']);
    expect(nodeEvents(events, 'node.skipped').sort()).toEqual(['afterNo', 'join', 'no', 'side']);
    const pinned = (await store.readJournal(handle.id)).find((entry) => entry.nodeId === 'yes');
    expect(pinned).toMatchObject({
      type: 'node.completed',
      output: { out: 'pinned!' },
      data: { pinned: true },
    });
  });

  it('with durability run, still journals every step and finishes durably', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, registry: testRegistry(), durability: 'run' });
    const handle = await engine.start(fixture('chain'), { input: 'v' });
    expect(await handle.done).toMatchObject({ status: 'succeeded', output: 'v' });
    const types = (await store.readJournal(handle.id)).map((entry) => entry.type);
    expect(types.filter((type) => type === 'node.completed')).toHaveLength(6);
    expect(types.at(-1)).toBe('run.completed');
  });

  it('rejects a start with a run id that exists', async () => {
    const { engine } = setup();
    const handle = await engine.start(fixture('chain'), { runId: 'same' });
    await handle.done;
    await expect(engine.start(fixture('chain'), { runId: 'same' })).rejects.toMatchObject({
      code: 'JX_RUN_EXISTS',
    });
  });
});

describe('createEngine: failures', () => {
  it('retries with exponential backoff and succeeds on the third attempt with one idempotency key', async () => {
    const { run, probe, events, store } = setup();
    const began = Date.now();
    const { handle, result } = await run(fixture('retry'), {});
    expect(result).toMatchObject({ status: 'succeeded', output: { attempt: 3 } });
    // 20 ms then 40 ms of backoff.
    expect(Date.now() - began).toBeGreaterThanOrEqual(55);
    expect(new Set(probe.keys)).toEqual(new Set([`${handle.id}:flaky`]));
    expect(probe.keys).toHaveLength(3);
    const retrying = (await store.readJournal(handle.id)).filter((entry) => entry.type === 'node.retrying');
    expect(retrying.map((entry) => (entry.data as { delayMs: number }).delayMs)).toEqual([20, 40]);
    const failed = events.filter((event) => event.type === 'node.failed');
    expect(failed.map((event) => (event as { willRetry: boolean }).willRetry)).toEqual([true, true]);
  });

  it('fails the run when attempts run out and onError is fail', async () => {
    const { run } = setup();
    const flow = fixture('retry');
    flow.nodes[1]!.config = { failTimes: 5 };
    const { result } = await run(flow, {});
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'JX_TEST_FLAKY', message: 'attempt 3 failed' },
    });
  });

  it.each(['JX_INPUT_INVALID', 'JX_CONFIG_INVALID'])(
    'attempts a node failing with %s once: a retry cannot fix it',
    async (code) => {
      const { run, probe } = setup();
      const flow = fixture('retry');
      flow.nodes[1]!.config = { failTimes: 5, code };
      const { result } = await run(flow, {});
      expect(result).toMatchObject({ status: 'failed', error: { code, message: 'attempt 1 failed' } });
      expect(probe.keys).toHaveLength(1);
    },
  );

  it('routes the error object to the error port with onError route', async () => {
    const { run, events } = setup();
    const { result } = await run(fixture('on-error'), {});
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({
      code: 'JX_TEST_FLAKY',
      message: 'attempt 1 failed',
      details: { attempt: 1 },
    });
    expect(nodeEvents(events, 'node.skipped')).toEqual(['next']);
  });

  it('continues with null on the first output with onError continue', async () => {
    const { run, events } = setup();
    const flow = fixture('on-error');
    flow.nodes[1]!.onError = 'continue';
    const { result } = await run(flow, {});
    expect(result).toMatchObject({ status: 'succeeded', output: null });
    expect(nodeEvents(events, 'node.skipped')).toEqual(['handled']);
    expect(nodeEvents(events, 'node.completed')).toContain('next');
  });

  it('times a node out through its signal with JX_NODE_TIMEOUT, even when it ignores the signal', async () => {
    const { run } = setup();
    const began = Date.now();
    const { result } = await run(fixture('timeout'), {});
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'JX_NODE_TIMEOUT', details: { nodeId: 'slow' } },
    });
    expect(Date.now() - began).toBeLessThan(2000);
  });

  it('fails the run loudly when an output is over the cap, whatever onError says', async () => {
    const { run } = setup();
    const flow = fixture('chain');
    flow.settings = { maxOutputBytes: 1000 };
    flow.nodes[1] = { ...flow.nodes[1]!, type: 'test.big', config: { bytes: 2000 }, onError: 'continue' };
    const { result } = await run(flow, {});
    expect(result).toMatchObject({ status: 'failed', error: { code: 'JX_OUTPUT_TOO_LARGE' } });
  });

  it('fails with the node id and config pointer when an expression fails', async () => {
    const { run } = setup();
    const flow = fixture('chain');
    flow.nodes[2]!.config = { value: '=$nosuchfunction()' };
    const { result } = await run(flow, {});
    expect(result.status).toBe('failed');
    expect(result.error?.code).toMatch(/^JX_EXPRESSION/);
    expect(result.error?.details).toMatchObject({ nodeId: 'n1', pointer: '/value' });
  });

  it('cancels a run: aborts the running node and journals run.cancelled', async () => {
    const { engine, store } = setup();
    const flow = fixture('timeout');
    delete flow.nodes[1]!.timeoutMs;
    flow.nodes[1]!.config = { ms: 5000 };
    const handle = await engine.start(flow, {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.cancel(handle.id, 'user asked');
    expect(await handle.done).toMatchObject({ status: 'cancelled', error: { code: 'JX_RUN_CANCELLED' } });
    expect((await store.getRun(handle.id))?.status).toBe('cancelled');
    expect((await store.readJournal(handle.id)).at(-1)?.type).toBe('run.cancelled');
  });

  it('fails a run that exceeds settings.runTimeoutMs', async () => {
    const { run } = setup();
    const flow = fixture('timeout');
    delete flow.nodes[1]!.timeoutMs;
    flow.settings = { runTimeoutMs: 40 };
    const { result } = await run(flow, {});
    expect(result).toMatchObject({ status: 'failed', error: { code: 'JX_RUN_TIMEOUT' } });
  });
});
