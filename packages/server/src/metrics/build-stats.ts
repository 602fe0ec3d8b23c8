import type { RunStore } from '@junction/runtime';
import type { CallbackLog } from '../callbacks/callback-log.ts';
import { STAT_WINDOWS, type WindowFigures } from './metric-series.ts';
import type { ServerMetrics } from './server-metrics.ts';

/** Per-node figures in `GET /api/stats`. */
export interface NodeStats {
  nodeId: string;
  type: string;
  calls: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /**
   * The same node over sliding windows (this process, in memory): calls, errors and percentiles of
   * the last 5 minutes and the last hour. `p50`/`p95`/`p99` above are since the process started.
   */
  windows: Record<keyof typeof STAT_WINDOWS, WindowFigures>;
}

/** Per flow version figures in `GET /api/stats`. */
export interface FlowStats {
  flowId: string;
  version: number | null;
  runs: Record<string, number>;
  nodes: NodeStats[];
}

const RUN_STATUSES = ['succeeded', 'failed', 'waiting', 'running', 'cancelled'];

/**
 * The dashboard's JSON: run counts per version (from the store, exact), node calls/errors (persisted
 * counters), latency percentiles in ms (reservoirs), callbacks by outcome and recent failures.
 */
export async function buildStats(
  metrics: ServerMetrics,
  store: RunStore | undefined,
  callbacks: CallbackLog,
  filter: { flowId?: string; since?: number },
) {
  await metrics.refresh();
  const flows = new Map<string, FlowStats>();
  const flowOf = (flowId: string, version: string): FlowStats => {
    const key = `${flowId}\u0000${version}`;
    let entry = flows.get(key);
    if (!entry) {
      const runs = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0]));
      entry = { flowId, version: version === 'draft' ? null : Number(version), runs, nodes: [] };
      flows.set(key, entry);
    }
    return entry;
  };
  for (const { labels } of metrics.counters.entries('runs')) {
    if (filter.flowId && labels.flow !== filter.flowId) continue;
    flowOf(labels.flow!, labels.version!);
  }
  const calls = metrics.counters.entries('node_calls');
  const errors = new Map(
    metrics.counters.entries('node_errors').map((e) => [JSON.stringify(e.labels), e.value]),
  );
  for (const { labels, value } of calls) {
    if (filter.flowId && labels.flow !== filter.flowId) continue;
    const sample = metrics.samples.get(`${labels.flow}\u0000${labels.version}\u0000${labels.node}`);
    const q = (p: number) => sample?.reservoir.quantile(p) ?? null;
    flowOf(labels.flow!, labels.version!).nodes.push({
      nodeId: labels.node!,
      type: labels.type!,
      calls: value,
      errors: errors.get(JSON.stringify(labels)) ?? 0,
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      windows: windowsOf(metrics, labels),
    });
  }
  if (store) {
    for (const entry of flows.values()) {
      const counts = await store.countRuns({
        flowId: entry.flowId,
        ...(entry.version !== null ? { flowVersion: entry.version } : {}),
        test: false,
        ...(filter.since ? { since: filter.since } : {}),
      });
      for (const [status, n] of Object.entries(counts)) entry.runs[status] = n;
    }
  }
  const failed = store
    ? await store.listRuns({
        status: 'failed',
        test: false,
        limit: 50,
        ...(filter.flowId ? { flowId: filter.flowId } : {}),
        ...(filter.since ? { since: filter.since } : {}),
      })
    : [];
  return {
    flows: [...flows.values()].sort(
      (a, b) => a.flowId.localeCompare(b.flowId) || (a.version ?? 0) - (b.version ?? 0),
    ),
    callbacks: await callbacks.counts(filter.since ?? 0),
    errors: failed.map((run) => ({
      runId: run.id,
      flowId: run.flowId,
      version: run.flowVersion,
      ...(typeof run.error?.details?.nodeId === 'string' ? { nodeId: run.error.details.nodeId } : {}),
      code: run.error?.code ?? 'JX_RUN_FAILED',
      message: run.error?.message ?? 'The run failed.',
      at: run.finishedAt ?? run.updatedAt,
    })),
  };
}

function windowsOf(metrics: ServerMetrics, labels: Record<string, string>) {
  // Main and canary runs of one version are one node here, as in the counters.
  const same = (l: Record<string, string>) =>
    l.flow === labels.flow && l.version === labels.version && l.node === labels.node;
  return Object.fromEntries(
    Object.entries(STAT_WINDOWS).map(([name, ms]) => [name, metrics.series.window(same, ms)]),
  ) as NodeStats['windows'];
}
