import type { ErrorInfo, JournalEntry, Json } from '@junction/runtime';

/** One node of a run as the run view shows it. */
export interface NodeRunSummary {
  nodeId: string;
  status: 'running' | 'retrying' | 'succeeded' | 'failed' | 'skipped' | 'waiting';
  input: Json;
  output: Record<string, Json> | null;
  error: ErrorInfo | null;
  attempts: number;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  wait?: { channel: string | null; key: string | null; deadline: number | null };
  /**
   * Callbacks that reached this node's wait but did not satisfy its condition (`until`): verified,
   * acknowledged and kept, while the node still waits ("noted, still waiting"). Oldest first.
   */
  noted?: { at: number; payload: Json }[];
}

const STATUS_BY_ENTRY: Partial<Record<JournalEntry['type'], NodeRunSummary['status']>> = {
  'node.started': 'running',
  'node.retrying': 'retrying',
  'node.completed': 'succeeded',
  'node.failed': 'failed',
  'node.skipped': 'skipped',
  'node.waiting': 'waiting',
  'node.resumed': 'running',
  // Noted, still waiting: the wait stays as it was.
  'node.noted': 'waiting',
};

/** Folds a run's journal into one summary per node, in the order nodes first appeared. */
export function summarizeJournal(journal: JournalEntry[]): NodeRunSummary[] {
  const nodes = new Map<string, NodeRunSummary>();
  for (const entry of journal) {
    // A retried run continues: what failed before runs again, so its old failure is history (the
    // journal keeps it); completed and skipped nodes stand.
    if (entry.type === 'run.retried') {
      for (const node of nodes.values()) {
        if (node.status === 'succeeded' || node.status === 'skipped') continue;
        Object.assign(node, {
          error: null,
          attempts: 0,
          startedAt: null,
          finishedAt: null,
          durationMs: null,
        });
      }
      continue;
    }
    if (!entry.nodeId) continue;
    const status = STATUS_BY_ENTRY[entry.type];
    if (!status) continue;
    let node = nodes.get(entry.nodeId);
    if (!node) {
      node = {
        nodeId: entry.nodeId,
        status,
        input: null,
        output: null,
        error: null,
        attempts: 0,
        startedAt: null,
        finishedAt: null,
        durationMs: null,
      };
      nodes.set(entry.nodeId, node);
    }
    node.status = status;
    if (entry.type === 'node.started') {
      node.startedAt ??= entry.at;
      node.attempts = Math.max(node.attempts, entry.attempt ?? node.attempts + 1);
      if (entry.input !== undefined) node.input = entry.input;
    }
    if (entry.type === 'node.completed' || entry.type === 'node.failed' || entry.type === 'node.skipped') {
      node.finishedAt = entry.at;
      node.durationMs = entry.durationMs ?? (node.startedAt !== null ? entry.at - node.startedAt : null);
    }
    if (entry.output !== undefined) node.output = entry.output;
    if (entry.error !== undefined) node.error = entry.error;
    if (entry.type === 'node.waiting') {
      const data = (entry.data ?? {}) as Record<string, Json>;
      node.wait = {
        channel: typeof data.channel === 'string' ? data.channel : null,
        key: typeof data.key === 'string' ? data.key : null,
        deadline:
          typeof data.deadline === 'number'
            ? data.deadline
            : typeof data.until === 'number'
              ? data.until
              : null,
      };
    }
    if (entry.type === 'node.resumed') delete node.wait;
    if (entry.type === 'node.noted') {
      const data = (entry.data ?? {}) as Record<string, Json>;
      node.noted = [...(node.noted ?? []), { at: entry.at, payload: data.payload ?? null }];
    }
  }
  return [...nodes.values()];
}
