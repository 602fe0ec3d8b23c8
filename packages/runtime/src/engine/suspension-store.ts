import type { Json } from '../flow/json.ts';
import type { Suspension } from '../node/node-result.ts';
import type { PendingResume } from '../store/run-records.ts';
import { timerIdOf } from './deterministic-ids.ts';
import type { EngineCore } from './engine-core.ts';

/** Details of a node suspended on a callback or timer, as journaled in `node.waiting`. */
export interface WaitingNode {
  kind: 'wait' | 'sleep';
  channel?: string;
  key?: string;
  until?: number;
  /** The wait's condition over callbacks (`WaitSuspension.accept`). */
  accept?: string;
  state?: Json;
}

/** The journaled form of a suspension. */
export function waitingNodeOf(suspension: Suspension): WaitingNode {
  const waiting: WaitingNode =
    suspension.kind === 'wait'
      ? { kind: 'wait', channel: suspension.channel, key: suspension.key }
      : { kind: 'sleep', until: suspension.until };
  if (suspension.kind === 'wait' && suspension.deadline !== undefined) waiting.until = suspension.deadline;
  if (suspension.kind === 'wait' && suspension.accept !== undefined) waiting.accept = suspension.accept;
  if (suspension.state !== undefined) waiting.state = suspension.state;
  return waiting;
}

/**
 * Puts a suspension into the store.
 *
 * 1. A wait is registered (`store.registerWait`); when a callback had arrived early the store hands
 *    its payload back instead, kept as a pending resume until the node's resume is journaled, and
 *    the node resumes at once (no timer).
 * 2. A deadline or sleep becomes a store timer (one per node and kind, so a re-registration after a
 *    crash replaces it), and the timer loop is told in case it sleeps past it.
 * Returns the early callback's pending resume, if any.
 */
export async function storeSuspension(
  core: EngineCore,
  runId: string,
  nodeId: string,
  suspension: Suspension,
): Promise<{ early: PendingResume } | undefined> {
  const { store, now } = core.options;
  let dueAt: number | undefined;
  if (suspension.kind === 'wait') {
    const { channel, key } = suspension;
    const createdAt = now();
    const outcome = await store.registerWait({
      runId,
      nodeId,
      channel,
      key,
      createdAt,
      ...(suspension.deadline === undefined ? {} : { deadline: suspension.deadline }),
    });
    if (outcome.status === 'early') {
      const { payload, context } = outcome;
      const early: PendingResume = { runId, nodeId, reason: 'callback', channel, key, payload, createdAt };
      if (context) early.context = context;
      return { early };
    }
    dueAt = suspension.deadline;
  } else {
    dueAt = suspension.until;
  }
  if (dueAt !== undefined) {
    const kind = suspension.kind === 'wait' ? 'deadline' : 'sleep';
    await store.putTimer({ id: timerIdOf(runId, nodeId, kind), runId, nodeId, kind, dueAt });
    core.timerAdded(dueAt);
  }
  return undefined;
}

/** The suspension a journaled `node.waiting` describes (the inverse of {@link waitingNodeOf}). */
export function suspensionOf(waiting: WaitingNode): Suspension | undefined {
  if (waiting.kind === 'sleep')
    return waiting.until === undefined ? undefined : { kind: 'sleep', until: waiting.until };
  if (waiting.channel === undefined || waiting.key === undefined) return undefined;
  return {
    kind: 'wait',
    channel: waiting.channel,
    key: waiting.key,
    ...(waiting.until === undefined ? {} : { deadline: waiting.until }),
    ...(waiting.accept === undefined ? {} : { accept: waiting.accept }),
  };
}
