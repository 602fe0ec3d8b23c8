import type { Json } from '../flow/json.ts';
import type { CallbackContext } from '../store/run-records.ts';

/** Values by output port. A port missing from the object is dead for this run. */
export type NodeOutputs = Record<string, Json>;

/**
 * Returned by a node that must wait for a callback: the run is suspended in the store, no memory held.
 * When it resumes, `run` is called again with `ctx.resumed` set and `ctx.state` = `state`.
 */
export interface WaitSuspension {
  kind: 'wait';
  channel: string;
  /** Business correlation key, unique within the channel (e.g. the customer order number). */
  key: string;
  /** Epoch ms; at this time the node resumes with `ctx.resumed = {reason: 'timeout'}`. */
  deadline?: number;
  /**
   * A condition over the callback body (JSONata, `=` optional) that the engine evaluates when a
   * callback reaches this wait. Truthy: the node resumes with that callback. Falsy: the callback is
   * journaled `node.noted` and the wait stays as it was (same key, same deadline).
   */
  accept?: string;
  /** Plain JSON kept for the resume call. */
  state?: Json;
}

/** Returned by a node that must sleep (delay, poll back-off); the timer lives in the store. */
export interface SleepSuspension {
  kind: 'sleep';
  /** Epoch ms. */
  until: number;
  state?: Json;
}

/** A suspension instead of outputs. */
export type Suspension = WaitSuspension | SleepSuspension;

/** What a node's `run` returns. */
export type NodeResult = NodeOutputs | Suspension;

/** Why a suspended node is running again. */
export type ResumeReason =
  | { reason: 'callback'; channel: string; key: string; payload: Json; context?: CallbackContext }
  | { reason: 'timeout'; channel: string; key: string }
  | { reason: 'timer' };

/** Brand that tells a suspension from outputs (a port could be named `kind`). */
export const SUSPENSION: unique symbol = Symbol.for('junction.suspension');

/** Builds a wait suspension; nodes usually call `ctx.wait(…)` instead. */
export function waitFor(wait: Omit<WaitSuspension, 'kind'>): Suspension {
  return Object.assign({ kind: 'wait' as const, ...wait }, { [SUSPENSION]: true });
}

/** Builds a sleep suspension; nodes usually call `ctx.sleep(…)` instead. */
export function sleepUntil(until: number, state?: Json): Suspension {
  return Object.assign({ kind: 'sleep' as const, until, state }, { [SUSPENSION]: true });
}

/** True when a node result is a suspension built by {@link waitFor} or {@link sleepUntil}. */
export function isSuspension(result: NodeResult): result is Suspension {
  return typeof result === 'object' && result !== null && SUSPENSION in result;
}
