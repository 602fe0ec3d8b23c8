import type { RunRecord, RunResult } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';

const SETTLED = new Set(['run.completed', 'run.failed', 'run.cancelled', 'run.waiting']);

function resultOf(run: RunRecord): RunResult | undefined {
  if (run.status === 'queued' || run.status === 'running') return undefined;
  return {
    runId: run.id,
    status: run.status,
    ...(run.output !== undefined ? { output: run.output } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

/**
 * The result of a run someone else started (like `RunHandle.done`: it settles when the run finishes
 * or suspends). Listens to engine events first, then reads the store, so a run settling in between is
 * seen either way; a store poll every `pollMs` covers events from other processes that were lost.
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
      resolve(result);
    };
    const unsubscribe = ctx.engine.on((event) => {
      if (!SETTLED.has(event.type) || !('run' in event) || event.run.id !== runId) return;
      const status = event.type === 'run.completed' ? 'succeeded' : event.type.slice(4);
      const result = resultOf({ ...event.run, status } as RunRecord);
      if (result) finish(result);
    });
    const poll = async () => {
      try {
        const run = await ctx.store.getRun(runId);
        const result = run && resultOf(run);
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
