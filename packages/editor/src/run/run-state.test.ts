import { describe, expect, it } from 'vitest';
import { applyRunDetail, applyRunEvent, isSettled, startingRun } from './run-state.ts';

const run = (status: string) => ({
  id: 'r1',
  flowId: 'f',
  flowVersion: null,
  flowHash: 'h',
  status,
  input: { a: 1 },
  test: true,
  createdAt: 0,
  updatedAt: 0,
});

describe('run state', () => {
  it('folds the snapshot journal and live events into per-node status', () => {
    let view = applyRunEvent(startingRun('r1'), 'snapshot', {
      run: run('running'),
      journal: [
        { runId: 'r1', seq: 1, type: 'node.started', nodeId: 'a', at: 1, attempt: 1, input: { x: 1 } },
        {
          runId: 'r1',
          seq: 2,
          type: 'node.completed',
          nodeId: 'a',
          at: 2,
          output: { out: 5 },
          durationMs: 3,
        },
      ],
    });
    expect(view.nodes.a).toMatchObject({
      status: 'succeeded',
      output: { out: 5 },
      input: { x: 1 },
      durationMs: 3,
    });
    view = applyRunEvent(view, 'node.started', {
      runId: 'r1',
      nodeId: 'b',
      nodeType: 't',
      attempt: 1,
      input: 5,
    });
    view = applyRunEvent(view, 'node.failed', {
      runId: 'r1',
      nodeId: 'b',
      nodeType: 't',
      error: { code: 'X', message: 'boom' },
      durationMs: 1,
      willRetry: true,
    });
    expect(view.nodes.b?.status).toBe('retrying');
    view = applyRunEvent(view, 'node.started', {
      runId: 'r1',
      nodeId: 'b',
      nodeType: 't',
      attempt: 2,
      input: 5,
    });
    view = applyRunEvent(view, 'node.waiting', {
      runId: 'r1',
      nodeId: 'b',
      channel: 'orders',
      key: 'A-1',
      until: 99,
    });
    expect(view.nodes.b).toMatchObject({
      status: 'waiting',
      attempts: 2,
      wait: { channel: 'orders', key: 'A-1', deadline: 99 },
    });
    view = applyRunEvent(view, 'run.waiting', { run: run('waiting') });
    expect(isSettled(view)).toBe(true);
    expect(view.order).toEqual(['a', 'b']);
  });

  it('shows a callback the wait condition refused as noted, the node still waiting', () => {
    let view = applyRunEvent(startingRun('r1'), 'snapshot', {
      run: run('waiting'),
      journal: [{ runId: 'r1', seq: 1, type: 'node.waiting', nodeId: 'await', at: 1, data: { key: 'A-1' } }],
    });
    view = applyRunEvent(view, 'journal', {
      entry: {
        runId: 'r1',
        seq: 2,
        type: 'node.noted',
        nodeId: 'await',
        at: 5,
        data: { channel: 'orders', key: 'A-1', payload: { order_status: 'processing' } },
      },
    });
    expect(view.nodes.await).toMatchObject({
      status: 'waiting',
      wait: { key: 'A-1' },
      noted: [{ at: 5, payload: { order_status: 'processing' } }],
    });
    const detailed = applyRunDetail(startingRun('r1'), run('waiting') as never, [
      { nodeId: 'await', status: 'waiting', noted: [{ at: 7, payload: { order_status: 'processing' } }] },
    ]);
    expect(detailed.nodes.await?.noted).toEqual([{ at: 7, payload: { order_status: 'processing' } }]);
  });

  it('takes the run detail as the final word', () => {
    const view = applyRunDetail(startingRun('r1'), run('succeeded') as never, [
      { nodeId: 'a', status: 'succeeded', output: { out: 1 }, attempts: 1, durationMs: 4 },
      { nodeId: 'b', status: 'skipped' },
    ]);
    expect(view.status).toBe('succeeded');
    expect(view.nodes.a).toMatchObject({ status: 'succeeded', output: { out: 1 }, durationMs: 4 });
    expect(view.nodes.b?.status).toBe('skipped');
  });

  it('shows nodes a "Run to here" left out as not run, and dead-path skips as skipped', () => {
    let view = startingRun('r1', ['after']);
    view = applyRunEvent(view, 'node.skipped', { runId: 'r1', nodeId: 'after' });
    view = applyRunEvent(view, 'node.skipped', { runId: 'r1', nodeId: 'deadBranch' });
    expect(view.nodes.after?.status).toBe('not-run');
    expect(view.nodes.deadBranch?.status).toBe('skipped');
    // The stored run's detail says "skipped" for both; the editor keeps the distinction.
    const detail = applyRunDetail(
      view,
      run('succeeded') as never,
      [
        { nodeId: 'after', status: 'skipped', attempts: 0 },
        { nodeId: 'deadBranch', status: 'skipped', attempts: 0 },
      ] as never,
    );
    expect(detail.nodes.after?.status).toBe('not-run');
    expect(detail.nodes.deadBranch?.status).toBe('skipped');
  });

  it('treats every skip as a dead path in a full run', () => {
    const view = applyRunEvent(startingRun('r1'), 'node.skipped', { runId: 'r1', nodeId: 'after' });
    expect(view.nodes.after?.status).toBe('skipped');
  });
});
