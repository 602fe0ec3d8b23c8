import type { RunStore } from '@junction/runtime';

/** Quiet turns in a row after which the engine counts as idle. */
const QUIET_TURNS = 4;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * Resolves once the engine is idle at the current virtual time: no node code running (a real
 * sandbox call in flight), no engine event for a few event-loop turns (journal writes, resumes),
 * and no store timer due and still unclaimed (the timer loop picks those up within a millisecond).
 */
export async function settle(watch: {
  busy: () => number;
  events: () => number;
  store: RunStore;
  now: () => number;
}): Promise<void> {
  let quiet = 0;
  while (quiet < QUIET_TURNS) {
    const before = watch.events();
    await turn();
    if (watch.busy() > 0) {
      quiet = 0;
      await pause();
      continue;
    }
    const due = await watch.store.nextTimerDue();
    if (due !== undefined && due <= watch.now()) {
      quiet = 0;
      await pause();
      continue;
    }
    quiet = watch.events() === before ? quiet + 1 : 0;
  }
}
