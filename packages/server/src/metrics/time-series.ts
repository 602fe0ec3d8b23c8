import { LatencyBins } from './latency-bins.ts';

/** One time bucket of one series. */
export interface SeriesCell {
  calls: number;
  errors: number;
  latency: LatencyBins;
  /** Counts by a label such as a run status or a callback outcome. */
  counts: Record<string, number>;
}

/** Options of {@link TimeSeries}. */
export interface TimeSeriesOptions {
  /** Width of a bucket in ms (default one minute). */
  bucketMs?: number;
  /** How far back buckets are kept, in ms (default 24 h). */
  retentionMs?: number;
  /** Most series held; new label sets beyond it are counted in `dropped` and not kept (default 5,000). */
  maxSeries?: number;
  /** The clock (epoch ms); injectable so tests move time instead of sleeping. */
  now?: () => number;
}

interface Series<L> {
  labels: L;
  cells: Map<number, SeriesCell>;
}

/**
 * Fixed-width time buckets per label set, kept for a bounded window. Memory is bounded by
 * `maxSeries × retentionMs / bucketMs` cells, each a few counters and a sparse latency histogram;
 * old buckets are dropped as new ones start.
 */
export class TimeSeries<L extends Record<string, string>> {
  readonly bucketMs: number;
  readonly retentionMs: number;
  readonly now: () => number;
  readonly #maxSeries: number;
  readonly #series = new Map<string, Series<L>>();
  #swept = Number.NEGATIVE_INFINITY;
  /** Label sets refused because `maxSeries` was reached. */
  dropped = 0;

  constructor(options: TimeSeriesOptions = {}) {
    this.bucketMs = options.bucketMs ?? 60_000;
    this.retentionMs = options.retentionMs ?? 24 * 60 * 60_000;
    this.#maxSeries = options.maxSeries ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** Start of the bucket holding `at`. */
  bucketOf(at: number): number {
    return Math.floor(at / this.bucketMs) * this.bucketMs;
  }

  /** The current bucket of `labels` (created when needed), or undefined when the series cap is reached. */
  cell(labels: L): SeriesCell | undefined {
    const start = this.bucketOf(this.now());
    this.#prune(start);
    const key = JSON.stringify(labels);
    let series = this.#series.get(key);
    if (!series) {
      if (this.#series.size >= this.#maxSeries) {
        this.dropped += 1;
        return undefined;
      }
      series = { labels, cells: new Map() };
      this.#series.set(key, series);
    }
    let cell = series.cells.get(start);
    if (!cell) {
      cell = { calls: 0, errors: 0, latency: new LatencyBins(), counts: {} };
      series.cells.set(start, cell);
    }
    return cell;
  }

  /** Series whose labels pass `filter`, with their buckets that start in [from, to). */
  select(
    filter: (labels: L) => boolean,
    from: number,
    to: number,
  ): Array<{ labels: L; cells: Map<number, SeriesCell> }> {
    const result: Array<{ labels: L; cells: Map<number, SeriesCell> }> = [];
    for (const series of this.#series.values()) {
      if (!filter(series.labels)) continue;
      const cells = new Map<number, SeriesCell>();
      for (const [start, cell] of series.cells) if (start >= from && start < to) cells.set(start, cell);
      if (cells.size) result.push({ labels: series.labels, cells });
    }
    return result;
  }

  #prune(current: number): void {
    // Once per bucket: drop stale cells (inserted in time order, so they lead each map) and idle series.
    if (current === this.#swept) return;
    this.#swept = current;
    const oldest = current - this.retentionMs;
    for (const [key, series] of this.#series) {
      for (const start of series.cells.keys()) {
        if (start > oldest) break;
        series.cells.delete(start);
      }
      if (series.cells.size === 0) this.#series.delete(key);
    }
  }
}

/** Merges cells into one (sums and a merged histogram). */
export function mergeCells(cells: Iterable<SeriesCell>): SeriesCell {
  const total: SeriesCell = { calls: 0, errors: 0, latency: new LatencyBins(), counts: {} };
  for (const cell of cells) {
    total.calls += cell.calls;
    total.errors += cell.errors;
    total.latency.merge(cell.latency);
    for (const [name, n] of Object.entries(cell.counts)) total.counts[name] = (total.counts[name] ?? 0) + n;
  }
  return total;
}
