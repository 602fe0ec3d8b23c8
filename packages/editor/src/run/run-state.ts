import type { EngineEvent, ErrorInfo, JournalEntry, RunNodeDetail, RunRecord } from '../api/api-types.ts';
import type { Json } from '../document/flow-types.ts';

/**
 * Live status of a node in the current test run. `skipped` is a dead path (a branch not taken);
 * `not-run` is a node a "Run to here" left out because it is not upstream of the chosen node.
 */
export type NodeRunStatus =
  | 'running'
  | 'retrying'
  | 'succeeded'
  | 'failed'
  | 'waiting'
  | 'skipped'
  | 'not-run';

/** What the run panel shows for one node. */
export interface NodeRunInfo {
  status: NodeRunStatus;
  input?: Json;
  output?: Record<string, Json>;
  error?: ErrorInfo;
  attempts: number;
  durationMs?: number;
  wait?: { channel?: string; key?: string; deadline?: number };
  /** Callbacks the wait's condition (`until`) did not accept: noted, the node still waits. */
  noted?: { at: number; payload: Json }[];
}

/** The editor's view of one run, built from the SSE stream. */
export interface RunView {
  runId: string;
  status: RunRecord['status'] | 'starting';
  nodes: Record<string, NodeRunInfo>;
  /** Node ids in the order they started, for the run panel's timeline. */
  order: string[];
  error?: ErrorInfo;
  output?: Json;
  input?: Json;
  /** Nodes a `stopAfter` test run leaves out: their skips are shown as "not run", not as dead paths. */
  notRun?: string[];
}

/** A run that was just requested; `notRun` lists the nodes its `stopAfter` leaves out. */
export function startingRun(runId: string, notRun?: string[]): RunView {
  const view: RunView = { runId, status: 'starting', nodes: {}, order: [] };
  if (notRun?.length) view.notRun = notRun;
  return view;
}

/** What a skip means for this node: left out by "Run to here", or a dead path. */
function skipStatus(view: RunView, nodeId: string): NodeRunStatus {
  return view.notRun?.includes(nodeId) ? 'not-run' : 'skipped';
}

function touch(view: RunView, nodeId: string, change: (info: NodeRunInfo) => NodeRunInfo): RunView {
  const current = view.nodes[nodeId] ?? { status: 'running', attempts: 0 };
  const order = view.order.includes(nodeId) ? view.order : [...view.order, nodeId];
  return { ...view, order, nodes: { ...view.nodes, [nodeId]: change(current) } };
}

function withRun(view: RunView, run: RunRecord): RunView {
  const next: RunView = { ...view, status: run.status, input: run.input };
  if (run.error) next.error = run.error;
  if (run.output !== undefined) next.output = run.output;
  return next;
}

function applyJournal(view: RunView, entry: JournalEntry): RunView {
  const nodeId = entry.nodeId;
  if (!nodeId) return view;
  switch (entry.type) {
    case 'node.started':
      return touch(view, nodeId, (n) => ({
        ...n,
        status: 'running',
        attempts: entry.attempt ?? n.attempts + 1,
        input: entry.input ?? n.input,
      }));
    case 'node.completed':
      return touch(view, nodeId, (n) => ({
        ...n,
        status: 'succeeded',
        output: entry.output ?? {},
        durationMs: entry.durationMs ?? n.durationMs,
      }));
    case 'node.failed':
      return touch(view, nodeId, (n) => ({
        ...n,
        status: 'failed',
        error: entry.error ?? n.error,
        durationMs: entry.durationMs ?? n.durationMs,
      }));
    case 'node.retrying':
      return touch(view, nodeId, (n) => ({ ...n, status: 'retrying', error: entry.error ?? n.error }));
    case 'node.skipped':
      return touch(view, nodeId, (n) => ({ ...n, status: skipStatus(view, nodeId) }));
    case 'node.waiting':
      return touch(view, nodeId, (n) => ({
        ...n,
        status: 'waiting',
        wait: (entry.data ?? {}) as NodeRunInfo['wait'],
      }));
    case 'node.resumed':
      return touch(view, nodeId, (n) => ({ ...n, status: 'running' }));
    case 'node.noted': {
      const payload = ((entry.data ?? {}) as { payload?: Json }).payload ?? null;
      return touch(view, nodeId, (n) => ({
        ...n,
        status: 'waiting',
        noted: [...(n.noted ?? []), { at: entry.at, payload }],
      }));
    }
    default:
      return view;
  }
}

/** The `snapshot` event that opens the stream: the run and its journal so far. */
export interface RunSnapshot {
  run: RunRecord;
  journal?: JournalEntry[];
}

/** Folds one stream event (an engine event, a `journal` entry or the opening `snapshot`) into the view. */
export function applyRunEvent(view: RunView, type: string, data: unknown): RunView {
  if (type === 'snapshot') {
    const snapshot = data as RunSnapshot;
    let next = withRun(view, snapshot.run);
    for (const entry of snapshot.journal ?? []) next = applyJournal(next, entry);
    return next;
  }
  const event = { ...(data as object), type } as EngineEvent;
  switch (event.type) {
    case 'run.started':
    case 'run.completed':
    case 'run.cancelled':
    case 'run.waiting':
      return withRun(view, event.run);
    case 'run.failed':
      return { ...withRun(view, event.run), error: event.error };
    case 'node.started':
      return touch(view, event.nodeId, (n) => ({
        ...n,
        status: 'running',
        attempts: event.attempt,
        input: event.input,
      }));
    case 'node.completed':
      return touch(view, event.nodeId, (n) => ({
        ...n,
        status: 'succeeded',
        output: event.output,
        durationMs: event.durationMs,
      }));
    case 'node.failed':
      return touch(view, event.nodeId, (n) => ({
        ...n,
        status: event.willRetry ? 'retrying' : 'failed',
        error: event.error,
        durationMs: event.durationMs,
      }));
    case 'node.skipped':
      return touch(view, event.nodeId, (n) => ({ ...n, status: skipStatus(view, event.nodeId) }));
    case 'node.waiting': {
      const wait: NodeRunInfo['wait'] = {};
      if (event.channel !== undefined) wait.channel = event.channel;
      if (event.key !== undefined) wait.key = event.key;
      if (event.until !== undefined) wait.deadline = event.until;
      return touch(view, event.nodeId, (n) => ({ ...n, status: 'waiting', wait }));
    }
    case 'node.resumed':
      return touch(view, event.nodeId, (n) => ({ ...n, status: 'running' }));
    case 'journal':
      return applyJournal(view, event.entry);
    default:
      return view;
  }
}

const STATUSES = new Set<NodeRunStatus>(['running', 'retrying', 'succeeded', 'failed', 'waiting', 'skipped']);

/** Merges the per-node detail of `GET /api/runs/:id`, which is authoritative once the run settles. */
export function applyRunDetail(view: RunView, run: RunRecord, nodes: RunNodeDetail[]): RunView {
  let next = withRun(view, run);
  for (const detail of nodes) {
    next = touch(next, detail.nodeId, (n) => {
      const info: NodeRunInfo = { ...n, attempts: detail.attempts ?? n.attempts };
      if (detail.status === 'skipped') info.status = skipStatus(next, detail.nodeId);
      else if (STATUSES.has(detail.status as NodeRunStatus)) info.status = detail.status as NodeRunStatus;
      if (detail.input !== undefined) info.input = detail.input;
      if (detail.output !== undefined && detail.output !== null)
        info.output = detail.output as Record<string, Json>;
      if (detail.error) info.error = detail.error;
      if (detail.durationMs !== undefined) info.durationMs = detail.durationMs;
      if (detail.wait) info.wait = detail.wait;
      if (detail.noted?.length) info.noted = detail.noted;
      return info;
    });
  }
  return next;
}

/** True once the stream has nothing more to say (finished or suspended). */
export function isSettled(view: RunView): boolean {
  return ['succeeded', 'failed', 'cancelled', 'waiting'].includes(view.status);
}
