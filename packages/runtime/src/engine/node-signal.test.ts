import { describe, expect, it } from 'vitest';
import { JunctionError } from '../errors/junction-error.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createEngine } from './create-engine.ts';
import { createProbe, fixture, testRegistry } from './engine-test-kit.ts';

/** `ctx.signal` is how a node learns to stop: the engine giving up is not enough, the signal must fire. */
function setup() {
  const probe = createProbe();
  const engine = createEngine({ store: createMemoryStore(), registry: testRegistry(probe) });
  return { probe, engine };
}

function abortReason(probe: ReturnType<typeof createProbe>, nodeId: string): JunctionError {
  const reason = probe.aborts.get(nodeId);
  expect(reason).toBeInstanceOf(JunctionError);
  return reason as JunctionError;
}

describe('node signal', () => {
  it.each([
    { ignoreSignal: false, label: 'honours' },
    { ignoreSignal: true, label: 'ignores' },
  ])(
    'aborts ctx.signal with JX_NODE_TIMEOUT at timeoutMs when the node $label it',
    async ({ ignoreSignal }) => {
      const { probe, engine } = setup();
      const flow = fixture('timeout');
      flow.nodes[1]!.config = { ms: 5000, ignoreSignal };
      const result = await (await engine.start(flow, {})).done;
      expect(result).toMatchObject({ status: 'failed', error: { code: 'JX_NODE_TIMEOUT' } });
      const reason = abortReason(probe, 'slow');
      expect(reason.code).toBe('JX_NODE_TIMEOUT');
      expect(reason.details).toEqual({ nodeId: 'slow', timeoutMs: 40 });
    },
  );

  it('aborts ctx.signal with JX_RUN_CANCELLED and the reason on cancel', async () => {
    const { probe, engine } = setup();
    const flow = fixture('timeout');
    delete flow.nodes[1]!.timeoutMs;
    flow.nodes[1]!.config = { ms: 5000 };
    const handle = await engine.start(flow, {});
    while (probe.running === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(probe.aborts.has('slow')).toBe(false);
    await engine.cancel(handle.id, 'user asked');
    expect(await handle.done).toMatchObject({ status: 'cancelled' });
    const reason = abortReason(probe, 'slow');
    expect(reason.code).toBe('JX_RUN_CANCELLED');
    expect(reason.message).toBe('Run cancelled: user asked');
    expect(reason.details).toEqual({ runId: handle.id });
  });

  it('aborts ctx.signal with JX_RUN_TIMEOUT when the run exceeds runTimeoutMs', async () => {
    const { probe, engine } = setup();
    const flow = fixture('timeout');
    delete flow.nodes[1]!.timeoutMs;
    flow.nodes[1]!.config = { ms: 5000 };
    flow.settings = { runTimeoutMs: 40 };
    expect(await (await engine.start(flow, {})).done).toMatchObject({ status: 'failed' });
    expect(abortReason(probe, 'slow').code).toBe('JX_RUN_TIMEOUT');
  });

  it('leaves ctx.signal alone when the node finishes in time', async () => {
    const { probe, engine } = setup();
    const flow = fixture('timeout');
    flow.nodes[1]!.config = { ms: 1 };
    flow.nodes[1]!.timeoutMs = 1000;
    expect(await (await engine.start(flow, {})).done).toMatchObject({ status: 'succeeded', output: 'slow' });
    expect(probe.aborts.has('slow')).toBe(false);
  });
});
