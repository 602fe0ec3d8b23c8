import type { FlowDocument, JournalEntry, RunRecord } from '@junction/runtime';
import { SEALED_MASK, SEALED_PREFIX } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { caseFromRun } from './case-from-run.ts';

// The journal of a finished webhook run, as the engine writes it (built by hand: this is a unit of
// the mapping; the routes' test drafts cases from real runs).
const T0 = 1_000_000;
const node = (id: string, type: string) => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config: {},
});
const flow = {
  schemaVersion: 1,
  id: 'shop',
  name: 'Shop',
  nodes: [
    node('hook', 'trigger.webhook'),
    node('manual', 'trigger.manual'),
    node('create', 'http.request'),
    node('wait', 'callback.await'),
    node('deliver', 'transform.map'),
    node('refund', 'flow.fail'),
  ],
  edges: [],
} as unknown as FlowDocument;
const run: RunRecord = {
  id: 'run-1',
  flowId: 'shop',
  flowVersion: 2,
  flowHash: 'h',
  status: 'succeeded',
  input: { body: { order: 'A-1', card: `${SEALED_PREFIX}abc` } },
  output: { delivered: true },
  test: false,
  createdAt: T0,
  updatedAt: T0 + 5_000,
  finishedAt: T0 + 5_000,
};
let seq = 0;
const entry = (type: JournalEntry['type'], at: number, more: Partial<JournalEntry> = {}): JournalEntry => ({
  runId: 'run-1',
  seq: ++seq,
  type,
  at: T0 + at,
  ...more,
});
const journal: JournalEntry[] = [
  entry('run.started', 0, { data: { trigger: 'hook', pinned: { create: { out: { id: 7 } } } } }),
  entry('node.started', 1, { nodeId: 'hook' }),
  entry('node.completed', 2, { nodeId: 'hook' }),
  entry('node.skipped', 2, { nodeId: 'manual' }),
  entry('node.started', 3, { nodeId: 'create' }),
  entry('node.completed', 4, { nodeId: 'create' }),
  entry('run.response', 5, { data: { status: 202, body: { accepted: 'A-1' } } }),
  entry('node.started', 6, { nodeId: 'wait' }),
  entry('node.waiting', 7, { nodeId: 'wait' }),
  entry('node.noted', 1_500, {
    nodeId: 'wait',
    data: { channel: 'orders', key: 'A-1', payload: { state: 'processing' } },
  }),
  entry('node.resumed', 3_000, {
    nodeId: 'wait',
    data: {
      reason: 'callback',
      channel: 'orders',
      key: 'A-1',
      payload: { state: 'success', pwd: `${SEALED_PREFIX}x` },
    },
  }),
  entry('node.started', 3_001, { nodeId: 'wait' }),
  entry('node.completed', 3_002, { nodeId: 'wait' }),
  entry('node.skipped', 3_003, { nodeId: 'refund' }),
  entry('node.started', 3_004, { nodeId: 'deliver' }),
  entry('node.completed', 3_005, { nodeId: 'deliver' }),
  entry('run.completed', 3_006),
];

describe('caseFromRun', () => {
  it('drafts input, pinned mocks, callbacks at their offsets, the answer and the path; sealed values masked', () => {
    expect(caseFromRun(run, journal, flow)).toEqual({
      name: 'from run run-1',
      description: 'Made from run run-1 (succeeded).',
      trigger: 'hook',
      input: { body: { order: 'A-1', card: SEALED_MASK } },
      mocks: { create: { outputs: { out: { id: 7 } } } },
      callbacks: [
        { at: 1_500, channel: 'orders', key: 'A-1', body: { state: 'processing' } },
        { at: 3_000, channel: 'orders', key: 'A-1', body: { state: 'success', pwd: SEALED_MASK } },
      ],
      expect: {
        status: 'succeeded',
        response: { status: 202, body: { equals: { accepted: 'A-1' } } },
        ran: ['hook', 'create', 'wait', 'deliver'],
        notRan: ['manual', 'refund'],
      },
    });
  });

  it('matches a failed run by its error code, and replays an early callback during the node it raced', () => {
    const failed: RunRecord = {
      ...run,
      status: 'failed',
      output: undefined,
      error: { code: 'JX_USER_REFUND', message: 'Refund A-1.' },
    };
    const noResponse = journal.filter((e) => e.type !== 'run.response' && e.type !== 'node.noted');
    const early = [{ channel: 'orders', key: 'A-1', at: T0 + 3 }];
    const draft = caseFromRun(failed, noResponse, flow, early);
    expect(draft.expect).toMatchObject({
      status: 'failed',
      error: { code: 'JX_USER_REFUND' },
      response: { status: 422, body: { contains: { error: { code: 'JX_USER_REFUND' } } } },
    });
    expect(draft.callbacks).toEqual([
      { during: 'create', channel: 'orders', key: 'A-1', body: { state: 'success', pwd: SEALED_MASK } },
    ]);
  });
});
