import { type CodeWorkerPool, type CodeWorkerPoolOptions, createCodeWorkerPool } from './code-worker-pool.ts';

let options: CodeWorkerPoolOptions = {};
let shared: CodeWorkerPool | undefined;

/** `JUNCTION_CODE_WORKERS` (a positive integer) sets the default pool size. */
function sizeFromEnvironment(): number | undefined {
  const size = Number(process.env.JUNCTION_CODE_WORKERS);
  return Number.isInteger(size) && size > 0 ? size : undefined;
}

/**
 * Sets the options of the process's `code.js` worker pool (size: `JUNCTION_CODE_WORKERS`, else 2).
 * Call it at start-up; a later call closes the current pool (runs in flight fail) and the next run
 * starts a new one with these options.
 */
export function configureCodeWorkers(next: CodeWorkerPoolOptions): void {
  options = { ...next };
  const previous = shared;
  shared = undefined;
  void previous?.close();
}

/** The process's pool that `code.js` runs on, created at the first run. */
export function sharedCodeWorkerPool(): CodeWorkerPool {
  if (!shared) {
    const size = options.size ?? sizeFromEnvironment();
    shared = createCodeWorkerPool({ ...options, ...(size ? { size } : {}) });
  }
  return shared;
}

/**
 * Terminates the process's `code.js` workers. Not needed for a process to exit (idle workers are
 * unref'd); for an orderly shutdown. The next run starts a new pool.
 */
export async function closeCodeWorkers(): Promise<void> {
  const previous = shared;
  shared = undefined;
  await previous?.close();
}
