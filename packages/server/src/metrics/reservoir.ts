/**
 * A fixed-size uniform sample of a stream (Vitter's algorithm R): percentiles over the whole history
 * of a node in bounded memory. Samples live in memory only; counters are persisted separately.
 */
export class Reservoir {
  readonly #size: number;
  readonly #samples: number[] = [];
  #seen = 0;

  constructor(size = 1024) {
    this.#size = size;
  }

  /** Offers one value. */
  add(value: number): void {
    this.#seen += 1;
    if (this.#samples.length < this.#size) {
      this.#samples.push(value);
      return;
    }
    const slot = Math.floor(Math.random() * this.#seen);
    if (slot < this.#size) this.#samples[slot] = value;
  }

  /** The q-quantile (0..1) by nearest rank, or null when empty. */
  quantile(q: number): number | null {
    if (this.#samples.length === 0) return null;
    const sorted = [...this.#samples].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[rank] ?? null;
  }
}
