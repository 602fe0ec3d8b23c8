/**
 * Expression evaluations take turns, one at a time per process.
 *
 * JSONata evaluates asynchronously, but every step awaits an already settled value, so an evaluation
 * holds the event loop until it ends. Run side by side, evaluations would interleave step by step and
 * each would end only when all of them do: 32 evaluations of 100 ms would each take 3.2 s of wall
 * time, and JSONata's timeout (wall time since the evaluation began) would fail every one of them
 * although none evaluated for more than 100 ms. Taking turns:
 *
 * 1. An evaluation's clock starts with its turn, so the limit counts its own evaluation, not the time
 *    it queued behind others.
 * 2. Evaluations end in the order they began, instead of all at the end.
 * 3. A queued turn starts after the event loop had a chance to run (`setImmediate`), so requests and
 *    timers are served between two evaluations rather than after all of them.
 *
 * Nothing evaluated inside an evaluation may take a turn itself (bindings are JSON, so nothing can),
 * or it would wait for its own turn to end.
 */

const yieldToEventLoop: (resume: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (resume) => globalThis.setImmediate(resume)
    : (resume) => globalThis.setTimeout(resume, 0);

let tail: Promise<void> = Promise.resolve();
let pending = 0;

const ended = (): void => {
  pending--;
};

const afterYield = (): Promise<void> => new Promise<void>((resume) => yieldToEventLoop(resume));

/** Runs `evaluate` when no other expression evaluation is running; settles as it does. */
export function inExpressionTurn<T>(evaluate: () => Promise<T>): Promise<T> {
  // Nobody evaluating: start now, synchronously, as an unqueued evaluation always did.
  const turn = pending === 0 ? evaluate() : tail.then(afterYield).then(evaluate);
  pending++;
  tail = turn.then(ended, ended);
  return turn;
}
