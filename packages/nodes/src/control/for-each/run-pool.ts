/**
 * Runs `worker(0…count-1)` with at most `limit` in flight, in index order. Stops starting new
 * indexes once `stop()` returns true (already started ones finish). Rejects with the first error a
 * worker throws, after the in-flight workers settle, so no child work is left running unobserved.
 */
export async function runPool(
  count: number,
  limit: number,
  worker: (index: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < count && !failure && !stop()) {
      const index = next++;
      try {
        await worker(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, count)) }, lane);
  await Promise.all(lanes);
  if (failure) throw failure.error;
}
