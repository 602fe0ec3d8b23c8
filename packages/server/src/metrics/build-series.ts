import { JunctionError } from '@junction/runtime';
import type { MetricSeries, VersionRole } from './metric-series.ts';
import { mergeCells, type SeriesCell } from './time-series.ts';

/** Windows and bucket widths `GET /api/stats/series` accepts. */
export const SERIES_WINDOWS = { '5m': 5, '15m': 15, '1h': 60, '6h': 360, '24h': 1440 } as const;
/** Bucket widths in minutes. */
export const SERIES_BUCKETS = { '1m': 1, '5m': 5, '15m': 15, '1h': 60 } as const;

/** One version's figures over time (columns aligned with `buckets`). */
export interface VersionSeries {
  version: number | null;
  role: VersionRole;
  runs: number[];
  failedRuns: number[];
  calls: number[];
  errors: number[];
  p50: (number | null)[];
  p99: (number | null)[];
}

/** One node's figures over time. */
export interface NodeSeries {
  version: number | null;
  role: VersionRole;
  nodeId: string;
  type: string;
  calls: number[];
  errors: number[];
  p50: (number | null)[];
  p99: (number | null)[];
}

/** The body of `GET /api/stats/series`. */
export interface SeriesResponse {
  flowId: string;
  window: keyof typeof SERIES_WINDOWS;
  bucket: keyof typeof SERIES_BUCKETS;
  bucketMs: number;
  /** Start of each bucket (epoch ms), oldest first; the last one is still filling. */
  buckets: number[];
  versions: VersionSeries[];
  nodes: NodeSeries[];
  callbacks: Record<'matched' | 'early' | 'duplicate' | 'late' | 'rejected', number[]>;
}

const OUTCOMES = ['matched', 'early', 'duplicate', 'late', 'rejected'] as const;

/**
 * Columns for the dashboard's charts: per version (main vs canary) and per node — calls, errors,
 * p50/p99 of the merged latency of each wide bucket — and callbacks by outcome, over `window`.
 */
export function buildSeries(
  series: MetricSeries,
  query: { flowId: string; window?: keyof typeof SERIES_WINDOWS; bucket?: keyof typeof SERIES_BUCKETS },
): SeriesResponse {
  const window = query.window ?? '1h';
  const bucket = query.bucket ?? '1m';
  const bucketMs = SERIES_BUCKETS[bucket] * 60_000;
  const windowMs = SERIES_WINDOWS[window] * 60_000;
  if (bucketMs > windowMs) {
    throw new JunctionError(
      'JX_BAD_REQUEST',
      `A ${bucket} bucket is wider than the ${window} window; pick a smaller bucket or a longer window.`,
      { window, bucket },
    );
  }
  const to = Math.floor(series.now() / bucketMs) * bucketMs + bucketMs;
  const from = to - Math.max(windowMs, bucketMs);
  const buckets = Array.from({ length: (to - from) / bucketMs }, (_, i) => from + i * bucketMs);
  const column = (cells: Map<number, SeriesCell>) => {
    const wide = buckets.map(() => [] as SeriesCell[]);
    for (const [start, cell] of cells) {
      const slot = Math.floor((start - from) / bucketMs);
      if (slot >= 0 && slot < wide.length) wide[slot]!.push(cell);
    }
    return wide.map(mergeCells);
  };
  const ofFlow = (labels: { flow: string }) => labels.flow === query.flowId;
  const versionOf = (v: string) => (v === 'draft' ? null : Number(v));

  const byVersion = new Map<
    string,
    { version: number | null; role: VersionRole; nodes: SeriesCell[][]; runs?: SeriesCell[] }
  >();
  const entry = (version: string, role: VersionRole) => {
    const key = `${version}\u0000${role}`;
    let found = byVersion.get(key);
    if (!found) {
      found = { version: versionOf(version), role, nodes: [] };
      byVersion.set(key, found);
    }
    return found;
  };
  const nodes: NodeSeries[] = [];
  for (const { labels, cells } of series.nodes.select(ofFlow, from, to)) {
    const cols = column(cells);
    entry(labels.version, labels.role).nodes.push(cols);
    nodes.push({
      version: versionOf(labels.version),
      role: labels.role,
      nodeId: labels.node,
      type: labels.type,
      calls: cols.map((c) => c.calls),
      errors: cols.map((c) => c.errors),
      p50: cols.map((c) => c.latency.quantile(0.5)),
      p99: cols.map((c) => c.latency.quantile(0.99)),
    });
  }
  for (const { labels, cells } of series.runs.select(ofFlow, from, to)) {
    entry(labels.version, labels.role).runs = column(cells);
  }
  const versions: VersionSeries[] = [...byVersion.values()].map(({ version, role, nodes: cols, runs }) => {
    const merged = buckets.map((_, i) => mergeCells(cols.map((c) => c[i]!)));
    return {
      version,
      role,
      runs: buckets.map((_, i) => runs?.[i]?.calls ?? 0),
      failedRuns: buckets.map((_, i) => runs?.[i]?.errors ?? 0),
      calls: merged.map((c) => c.calls),
      errors: merged.map((c) => c.errors),
      p50: merged.map((c) => c.latency.quantile(0.5)),
      p99: merged.map((c) => c.latency.quantile(0.99)),
    };
  });
  const callbackCols = buckets.map(() => [] as SeriesCell[]);
  for (const { cells } of series.callbacks.select(ofFlow, from, to)) {
    for (const [i, cell] of column(cells).entries()) callbackCols[i]!.push(cell);
  }
  const callbackTotals = callbackCols.map(mergeCells);
  const callbacks = Object.fromEntries(
    OUTCOMES.map((outcome) => [outcome, callbackTotals.map((c) => c.counts[outcome] ?? 0)]),
  ) as SeriesResponse['callbacks'];
  const order = (a: { version: number | null; role: string }, b: { version: number | null; role: string }) =>
    (a.version ?? -1) - (b.version ?? -1) || a.role.localeCompare(b.role);
  return {
    flowId: query.flowId,
    window,
    bucket,
    bucketMs,
    buckets,
    versions: versions.sort(order),
    nodes: nodes.sort((a, b) => order(a, b) || a.nodeId.localeCompare(b.nodeId)),
    callbacks,
  };
}
