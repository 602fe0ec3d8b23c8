import { openSealed, type RunResult } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { settledResult, settledResultOfEvent } from '../runs/run-events.ts';

/**
 * The result of a run someone else started (like `RunHandle.done`: it settles when the run finishes
 * or suspends). Listens to engine events first, then reads the store, so a run settling in between is
 * seen either way; a store poll every `pollMs` covers events from other processes that were lost.
 * Records and events hold sensitive values sealed: the result has them open (it is what the caller gets).
 */
export function followRun(ctx: ServerContext, runId: string, pollMs = 500): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      clearTimeout(timer);
      resolve(
        result.output === undefined ? result : { ...result, output: openSealed(ctx.sealer, result.output) },
      );
    };
    const unsubscribe = ctx.engine.on((event) => {
      const result = settledResultOfEvent(event, runId);
      if (result) finish(result);
    });
    const poll = async () => {
      try {
        const run = await ctx.store.getRun(runId);
        const result = run && settledResult(run);
        if (result) return finish(result);
      } catch (error) {
        settled = true;
        unsubscribe();
        return reject(error);
      }
      if (!settled) timer = setTimeout(() => void poll(), pollMs).unref();
    };
    void poll();
  });
}
