/**
 * Runs a synchronous store action and returns its result as a promise, turning a throw into a
 * rejection, so callers see one failure channel whatever the implementation.
 */
export function asPromise<T>(action: () => T): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(error);
  }
}
