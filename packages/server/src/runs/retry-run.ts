import { type ReopenedRun, reopenFailedRun } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';

/**
 * Retries a failed run from the node that failed: the same run continues (`reopenFailedRun`), so
 * completed nodes are not run again and the failed node keeps its idempotency key. The run is then
 * handed to an engine at once (`wake`: this process, or a worker through the queue); recovery would
 * find it too. Throws the runtime's codes: `JX_RUN_NOT_FOUND`, `JX_RUN_NOT_FAILED`, `JX_RUN_RETRY_CHILD`.
 */
export async function retryRun(
  ctx: Pick<ServerContext, 'store' | 'engine'>,
  runId: string,
): Promise<ReopenedRun> {
  const reopened = await reopenFailedRun(ctx.store, runId);
  await ctx.engine.wake(runId);
  return reopened;
}
