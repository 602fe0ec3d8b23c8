import { timeOrderedId } from './time-ordered-id.ts';

/**
 * A new, unique run id: `run_` + a time-ordered UUIDv7 without dashes ({@link timeOrderedId}), so
 * run records and journal rows are inserted near the end of their indexes instead of all over them.
 */
export function newRunId(): string {
  return 'run_' + timeOrderedId().replaceAll('-', '');
}

/**
 * The idempotency key of a node in a run. It depends only on the run id and the node id, so it is
 * the same across retries and after a crash; sub-flow runs have deterministic ids that already
 * contain the parent's item key, so their nodes' keys differ per item.
 */
export function idempotencyKeyOf(runId: string, nodeId: string): string {
  return runId + ':' + nodeId;
}

/**
 * The id of the child run a node starts with `ctx.subflow(…, {key})`. Deterministic, so after a crash
 * the parent finds the child it started before instead of starting a second one.
 */
export function childRunIdOf(parentRunId: string, nodeId: string, key: string): string {
  return parentRunId + '/' + nodeId + '/' + key;
}

/** Id of the store timer of a node's wait deadline or sleep (one per node and kind). */
export function timerIdOf(runId: string, nodeId: string, kind: 'deadline' | 'sleep'): string {
  return runId + ':' + nodeId + ':' + kind;
}
