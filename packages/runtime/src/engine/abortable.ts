/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as the signal aborts, so a node
 * that ignores its signal cannot hold a cancelled or timed-out run. The listener is removed when the
 * promise settles first, so long runs do not pile up listeners.
 */
export function raceAbort<T>(promise: PromiseLike<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // Nobody awaits the node any more, but its failure (an aborted request, say) must still be
    // observed: an unobserved rejection takes the whole process down.
    promise.then(undefined, () => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    // A listener object rather than a closure: cheaper on the per-node hot path.
    const listener = { handleEvent: () => reject(signal.reason) };
    signal.addEventListener('abort', listener, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', listener);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', listener);
        reject(error);
      },
    );
  });
}

/** Resolves after `ms`, or rejects with `signal.reason` when the signal aborts first (timer cleared). */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
