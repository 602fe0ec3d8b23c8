import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, testRegistry } from './engine-test-kit.ts';
import type { EngineEvent } from './engine-types.ts';

/** What observers (server metrics, SSE, the CLI) see of suspension and resumption, in order. */
function setup() {
  const store = createMemoryStore();
  const engine = createEngine({ store, registry: testRegistry(), timerPollMs: 20 });
  const events: EngineEvent[] = [];
  engine.on((event) => {
    if (event.type !== 'journal') events.push(event);
  });
  return { store, engine, events };
}

/** `type` plus the node id for node events, the run status for run events. */
function trace(events: EngineEvent[]): string[] {
  return events.map((event) => {
    if ('nodeId' in event) return `${event.type}:${event.nodeId}`;
    if ('run' in event) return `${event.type}:${event.run.status}`;
    return event.type;
  });
}

function afterEvent(events: EngineEvent[], type: EngineEvent['type']): string[] {
  return trace(events.slice(events.findIndex((event) => event.type === type)));
}

describe('lifecycle events of suspension', () => {
  it('a callback: node.waiting, run.waiting, then run.resumed, node.resumed and the rest', async () => {
    const { engine, events, store } = setup();
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'o-1' } });
    expect(await handle.done).toMatchObject({ status: 'waiting' });
    expect(trace(events)).toEqual([
      'run.started:running',
      'node.started:start',
      'node.completed:start',
      'node.started:await',
      'node.waiting:await',
      'run.waiting:waiting',
    ]);
    expect(events.find((event) => event.type === 'node.waiting')).toEqual({
      type: 'node.waiting',
      runId: handle.id,
      nodeId: 'await',
      channel: 'orders',
      key: 'o-1',
    });
    expect(events.at(-1)).toMatchObject({ type: 'run.waiting', run: { id: handle.id, status: 'waiting' } });

    const mark = events.length;
    expect(await engine.resume('orders', 'o-1', { paid: true })).toMatchObject({ outcome: 'matched' });
    await engine.stop();
    expect((await store.getRun(handle.id))?.status).toBe('succeeded');
    expect(trace(events.slice(mark))).toEqual([
      'run.resumed:running',
      'node.resumed:await',
      'node.started:await',
      'node.completed:await',
      'node.skipped:timedOut',
      'node.started:delivered',
      'node.completed:delivered',
      'run.completed:succeeded',
    ]);
    expect(events[mark]).toMatchObject({ type: 'run.resumed', run: { id: handle.id, status: 'running' } });
    expect(events[mark + 1]).toEqual({
      type: 'node.resumed',
      runId: handle.id,
      nodeId: 'await',
      reason: 'callback',
    });
  });

  it('a deadline: node.waiting carries `until`; the timeout resumes the run with reason timeout', async () => {
    const { engine, events } = setup();
    engine.startBackground();
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'o-2', timeoutMs: 30 } });
    expect(await handle.done).toMatchObject({ status: 'waiting' });
    const waiting = events.find((event) => event.type === 'node.waiting');
    expect(waiting).toMatchObject({ channel: 'orders', key: 'o-2', until: expect.any(Number) });
    while (!events.some((event) => event.type === 'run.completed'))
      await new Promise((resolve) => setTimeout(resolve, 10));
    await engine.stop();
    expect(afterEvent(events, 'run.resumed').slice(0, 2)).toEqual([
      'run.resumed:running',
      'node.resumed:await',
    ]);
    expect(events.find((event) => event.type === 'node.resumed')).toMatchObject({ reason: 'timeout' });
    expect(trace(events)).toContain('node.completed:timedOut');
  });

  it('a sleep: node.waiting with `until`, run.waiting, then run.resumed and node.resumed (timer)', async () => {
    const { engine, events } = setup();
    engine.startBackground();
    const handle = await engine.start(fixture('sleep'), { input: { ms: 30 } });
    expect(await handle.done).toMatchObject({ status: 'waiting' });
    expect(trace(events).slice(-2)).toEqual(['node.waiting:nap', 'run.waiting:waiting']);
    expect(events.at(-2)).toMatchObject({ type: 'node.waiting', until: expect.any(Number) });
    expect(events.at(-2)).not.toHaveProperty('channel');
    while (!events.some((event) => event.type === 'run.completed'))
      await new Promise((resolve) => setTimeout(resolve, 10));
    await engine.stop();
    expect(afterEvent(events, 'run.resumed')).toEqual([
      'run.resumed:running',
      'node.resumed:nap',
      'node.started:nap',
      'node.completed:nap',
      'node.started:after',
      'node.completed:after',
      'run.completed:succeeded',
    ]);
    expect(events.find((event) => event.type === 'node.resumed')).toMatchObject({ reason: 'timer' });
  });

  it('an early callback resumes the node in memory: node.resumed without run.waiting or run.resumed', async () => {
    const { engine, events } = setup();
    expect(await engine.resume('orders', 'o-3', { early: true })).toMatchObject({ outcome: 'early' });
    const handle = await engine.start(fixture('callback'), { input: { orderNo: 'o-3' } });
    expect(await handle.done).toMatchObject({ status: 'succeeded', output: { payload: { early: true } } });
    const types = trace(events);
    expect(types).toContain('node.waiting:await');
    expect(types).toContain('node.resumed:await');
    expect(types.filter((type) => type.startsWith('run.waiting') || type.startsWith('run.resumed'))).toEqual(
      [],
    );
  });
});
