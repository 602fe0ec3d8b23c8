import type { RunStore } from '../run-store.ts';

/** The part of `RunStore` that the SQL stores implement in their wait-queries modules. */
export type WaitQueries = Pick<
  RunStore,
  | 'registerWait'
  | 'deliver'
  | 'expireWait'
  | 'listPendingResumes'
  | 'deletePendingResume'
  | 'listWaits'
  | 'clearRunWaits'
  | 'countWaits'
  | 'purgeInbox'
  | 'putTimer'
  | 'claimDueTimers'
  | 'deleteTimer'
  | 'releaseTimerClaims'
  | 'nextTimerDue'
>;

/** A row of `callback_keys`: what the store remembers about one (channel, key). */
export interface KeyMarkRow {
  state: 'inbox' | 'delivered' | 'timed_out';
  payload: string | null;
  expires_at: number | null;
}
