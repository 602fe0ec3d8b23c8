import { mergeCells, type SeriesCell, TimeSeries, type TimeSeriesOptions } from './time-series.ts';

/** Which traffic a version served when a figure was recorded: the deployed main, the canary, or a draft. */
export type VersionRole = 'main' | 'canary' | 'draft';

/** Labels of a node's series. */
export type NodeSeriesLabels = {
  flow: string;
  version: string;
  role: VersionRole;
  node: string;
  type: string;
};
/** Labels of a version's run series. */
export type RunSeriesLabels = { flow: string; version: string; role: VersionRole };
/** Labels of a callback series (a callback counts for each flow that awaits its channel). */
export type CallbackSeriesLabels = { flow: string; channel: string };

/** Figures of one window: calls, errors and latency percentiles in ms (null when nothing ran). */
export interface WindowFigures {
  calls: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** Sliding windows reported next to each node in `GET /api/stats`. */
export const STAT_WINDOWS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

/**
 * The dashboard's time series, in memory per process: node calls, errors and latency, finished runs
 * by status and callbacks by outcome, in one-minute buckets kept 24 h (see {@link TimeSeries}).
 */
export class MetricSeries {
  readonly nodes: TimeSeries<NodeSeriesLabels>;
  readonly runs: TimeSeries<RunSeriesLabels>;
  readonly callbacks: TimeSeries<CallbackSeriesLabels>;

  constructor(options: TimeSeriesOptions = {}) {
    this.nodes = new TimeSeries(options);
    this.runs = new TimeSeries(options);
    this.callbacks = new TimeSeries(options);
  }

  /** Width of a bucket in ms. */
  get bucketMs(): number {
    return this.nodes.bucketMs;
  }

  /** The clock the buckets follow. */
  now(): number {
    return this.nodes.now();
  }

  /** Records one node execution. */
  node(labels: NodeSeriesLabels, durationMs: number, failed: boolean): void {
    const cell = this.nodes.cell(labels);
    if (!cell) return;
    cell.calls += 1;
    if (failed) cell.errors += 1;
    cell.latency.add(durationMs);
  }

  /** Records one finished run under its final status. */
  run(labels: RunSeriesLabels, status: string): void {
    const cell = this.runs.cell(labels);
    if (!cell) return;
    cell.calls += 1;
    if (status === 'failed') cell.errors += 1;
    cell.counts[status] = (cell.counts[status] ?? 0) + 1;
  }

  /** Records one callback for each flow awaiting its channel. */
  callback(flows: readonly string[], channel: string, outcome: string): void {
    for (const flow of new Set(flows)) {
      const cell = this.callbacks.cell({ flow, channel });
      if (cell) cell.counts[outcome] = (cell.counts[outcome] ?? 0) + 1;
    }
  }

  /**
   * Calls, errors and percentiles of the node series matching `filter` over the last `windowMs`: the
   * buckets that end after `now - windowMs` (the current, partial one included). Older samples age out.
   */
  window(filter: (labels: NodeSeriesLabels) => boolean, windowMs: number): WindowFigures {
    const to = this.nodes.bucketOf(this.now()) + this.bucketMs;
    const cells: SeriesCell[] = [];
    for (const series of this.nodes.select(filter, to - windowMs, to)) cells.push(...series.cells.values());
    const total = mergeCells(cells);
    return {
      calls: total.calls,
      errors: total.errors,
      p50: total.latency.quantile(0.5),
      p95: total.latency.quantile(0.95),
      p99: total.latency.quantile(0.99),
    };
  }
}
