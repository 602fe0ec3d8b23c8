import type { Json } from '../flow/json.ts';
import { type ResumeReason, type Suspension, waitFor } from '../node/node-result.ts';
import { SUBFLOW_CHANNEL } from './run-subflow.ts';

/**
 * Lets a node attempt end as a suspension while its `run` is still pending (a sub-flow call found
 * its child suspended). Set only for asynchronous attempts: a synchronous `run` cannot await a child.
 */
export interface AttemptSuspender {
  suspend?: (suspension: Suspension) => void;
}

/** What a sub-flow wait keeps so the node's next attempt sees the same `ctx.resumed` and `ctx.state`. */
interface SubflowCarry {
  resumed?: ResumeReason;
  state?: Json;
}

/**
 * The wait of a parent node on its suspended child. It carries the attempt's own resume reason and
 * state: the sub-flow wait is invisible to the node, whose next attempt starts as this one did.
 */
export function subflowWait(
  childRunId: string,
  resumed: ResumeReason | undefined,
  state: Json | undefined,
): Suspension {
  const carry: SubflowCarry = {};
  if (resumed) carry.resumed = resumed;
  if (state !== undefined) carry.state = state;
  return waitFor({ channel: SUBFLOW_CHANNEL, key: childRunId, state: carry as Json });
}

/** The resume a node sees after a wait: its own, or for a sub-flow wait the one it carried. */
export function resumeOf(
  waiting: { channel?: string; state?: Json } | undefined,
  reason: ResumeReason,
): { reason: ResumeReason | undefined; state: Json | undefined } {
  if (waiting?.channel !== SUBFLOW_CHANNEL) return { reason, state: waiting?.state };
  const carry = (waiting.state ?? {}) as SubflowCarry;
  return { reason: carry.resumed, state: carry.state };
}

/**
 * Settles like `promise`, or with the suspension handed to `suspender` first. The attempt's `run`
 * promise is then abandoned: a sub-flow call that suspends never settles.
 */
export function suspendable<T>(promise: Promise<T>, suspender: AttemptSuspender): Promise<T | Suspension> {
  return new Promise<T | Suspension>((resolve, reject) => {
    suspender.suspend = resolve;
    promise.then(resolve, reject);
  });
}
