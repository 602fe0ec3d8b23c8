/**
 * Relative width of one latency bin: a value is reported within ±(γ-1)/(γ+1) ≈ 2.4 % of what was
 * measured (the DDSketch bound), whatever its magnitude, in at most a few hundred bins.
 */
const GAMMA = 1.05;
const LOG_GAMMA = Math.log(GAMMA);
/** Durations at or below this (ms) share bin 0: a sub-10-µs node call is "instant" for a dashboard. */
const FLOOR_MS = 0.01;

/**
 * A mergeable latency histogram with logarithmic bins (sparse, so a node whose calls all take about
 * the same time holds a handful of entries). Percentiles of a time window are the percentiles of the
 * merged bins of its buckets, which a reservoir of samples cannot give.
 */
export class LatencyBins {
  readonly #bins = new Map<number, number>();
  #count = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  /** How many values were added (merged ones included). */
  get count(): number {
    return this.#count;
  }

  /** Adds one duration in ms. */
  add(ms: number): void {
    const value = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const bin = value <= FLOOR_MS ? 0 : Math.max(1, Math.ceil(Math.log(value / FLOOR_MS) / LOG_GAMMA));
    this.#bins.set(bin, (this.#bins.get(bin) ?? 0) + 1);
    this.#count += 1;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  /** Adds every value of `other` to this histogram. */
  merge(other: LatencyBins): void {
    for (const [bin, n] of other.#bins) this.#bins.set(bin, (this.#bins.get(bin) ?? 0) + n);
    this.#count += other.#count;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  /** The q-quantile (0..1) in ms by nearest rank, within the bins' error, or null when empty. */
  quantile(q: number): number | null {
    if (this.#count === 0) return null;
    const rank = Math.min(this.#count, Math.max(1, Math.ceil(q * this.#count)));
    // The extremes are known exactly, so the slowest call is never shown as a bin estimate.
    if (rank === this.#count) return round(this.#max);
    let seen = 0;
    for (const bin of [...this.#bins.keys()].sort((a, b) => a - b)) {
      seen += this.#bins.get(bin)!;
      if (seen >= rank) return round(clamp(estimate(bin), this.#min, this.#max));
    }
    return round(this.#max);
  }
}

/** The midpoint of a bin that minimises the relative error for every value in it. */
function estimate(bin: number): number {
  if (bin === 0) return 0;
  return (FLOOR_MS * 2 * GAMMA ** bin) / (GAMMA + 1);
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round = (value: number) => Math.round(value * 1000) / 1000;
