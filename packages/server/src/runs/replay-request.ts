import {
  isSealed,
  type Json,
  JunctionError,
  mapStrings,
  openString,
  type RunRecord,
} from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';

/** Options of a replay: an edited input, and the test run's environment. */
export interface ReplayOptions {
  input?: Json;
  environment?: string;
  confirmProduction?: boolean;
}

/**
 * The `POST /api/test-runs` body that replays a run: a test run, never a production run.
 *
 * 1. A run of a stored version replays that version (`flowId` + `version`): the test run resolves
 *    credentials and variables in its own environment (sandbox unless told otherwise). The run's
 *    snapshot is not used: it holds the credential ids of the environment the run ran in.
 * 2. A run without a version (a test run of a draft) replays its snapshot, in the environment it ran
 *    in, so replaying a confirmed production test run needs `confirmProduction` again.
 * 3. The input is the run's trigger input (sensitive values opened), unless `input` is given.
 */
export async function replayRequest(
  ctx: Pick<ServerContext, 'store' | 'sealer'>,
  run: RunRecord,
  options: ReplayOptions,
): Promise<Record<string, Json>> {
  const input =
    options.input !== undefined
      ? options.input
      : mapStrings(run.input, (text) => (isSealed(text) ? openString(ctx.sealer, text) : text));
  const environment =
    options.environment ??
    (run.flowVersion === null && typeof run.tags?.environment === 'string'
      ? run.tags.environment
      : undefined);
  const target: Record<string, Json> = { input };
  if (environment !== undefined) target.environment = environment;
  if (options.confirmProduction !== undefined) target.confirmProduction = options.confirmProduction;
  if (run.flowVersion !== null) return { ...target, flowId: run.flowId, version: run.flowVersion };
  const flow = await ctx.store.getFlowSnapshot(run.flowHash);
  if (!flow) {
    throw new JunctionError(
      'JX_RUN_SNAPSHOT_NOT_FOUND',
      `The flow document run ${run.id} ran is no longer stored; replay cannot rebuild it.`,
      { runId: run.id },
    );
  }
  return { ...target, flow: flow as unknown as Json };
}
