import { JunctionError } from '@junction/runtime';

/** The JunctionError `run` throws, for assertions on its code and details; anything else is rethrown. */
export function thrownError(run: () => unknown): JunctionError {
  try {
    run();
  } catch (error) {
    if (error instanceof JunctionError) return error;
    throw error;
  }
  throw new Error('expected a JunctionError');
}
