import type { Json } from '@junction/runtime';
import type { CodeWorkerPool } from './code-worker-pool.ts';
import type { CodeLimits } from './code-worker-protocol.ts';
import { settleOutcome } from './settle-outcome.ts';
import { sharedCodeWorkerPool } from './shared-code-workers.ts';

export type { CodeLimits } from './code-worker-protocol.ts';

/** Who runs the code and how it can be stopped. */
export interface RunUserCodeOptions {
  /** The node's id, named in limit errors. */
  nodeId: string;
  /** Aborting it terminates the worker running the code. */
  signal?: AbortSignal;
  /** The pool to run on; default the process's shared pool. */
  pool?: CodeWorkerPool;
}

/**
 * Runs the body of a function `(input, vars, run) => …` on a worker thread, in a QuickJS runtime with a
 * memory limit and a wall-clock deadline, and returns its JSON result. The sandbox has no `require`,
 * network, file system or process: only the ECMAScript built-ins and the three frozen bindings.
 */
export async function runUserCode(
  code: string,
  bindings: Record<'input' | 'vars' | 'run', Json>,
  limits: CodeLimits,
  options: RunUserCodeOptions,
): Promise<Json> {
  const pool = options.pool ?? sharedCodeWorkerPool();
  const outcome = await pool.run(
    {
      code,
      bindings: {
        input: JSON.stringify(bindings.input),
        vars: JSON.stringify(bindings.vars),
        run: JSON.stringify(bindings.run),
      },
      limits,
    },
    options.signal,
  );
  return settleOutcome(outcome, { nodeId: options.nodeId, limits });
}
