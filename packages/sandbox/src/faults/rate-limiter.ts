/**
 * A fixed one-second window per app key. Fixed windows are coarse but predictable, which is what a
 * test of "the 6th request in a second is refused" needs.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts a request and tells whether it fits under `perSecond`. */
  allow(key: string, perSecond: number, now = Date.now()): boolean {
    const window = this.windows.get(key);
    if (!window || now - window.start >= 1000) {
      this.windows.set(key, { start: now, count: 1 });
      return perSecond >= 1;
    }
    window.count += 1;
    return window.count <= perSecond;
  }

  /** Forgets every window (admin reset). */
  clear(): void {
    this.windows.clear();
  }
}
