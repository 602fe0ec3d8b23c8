/**
 * Remembers every secret value the vault has handled and replaces it in any text. The logger runs
 * each line through it, so a secret that slips into a log message by any path is still masked.
 */
export class SecretScrubber {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  /** Registers secret values; very short values are ignored (they would mask ordinary words). */
  add(...values: unknown[]): void {
    let changed = false;
    for (const value of values) {
      if (typeof value !== 'string' || value.length < 4 || this.#values.has(value)) continue;
      this.#values.add(value);
      // A JSON-escaped form appears in serialised log lines.
      const escaped = JSON.stringify(value).slice(1, -1);
      if (escaped !== value) this.#values.add(escaped);
      changed = true;
    }
    if (changed) this.#pattern = undefined;
  }

  /** `text` with every known secret replaced by `[REDACTED]`. */
  scrub(text: string): string {
    if (this.#values.size === 0) return text;
    this.#pattern ??= new RegExp(
      [...this.#values]
        .sort((a, b) => b.length - a.length)
        .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.#pattern, '[REDACTED]');
  }
}
