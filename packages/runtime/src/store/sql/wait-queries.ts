import type { Json } from '../../flow/json.ts';
import type { CallbackContext, RegisterWaitOutcome } from '../run-records.ts';
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
  | 'findWait'
  | 'clearRunWaits'
  | 'countWaits'
  | 'purgeInbox'
  | 'putTimer'
  | 'claimDueTimers'
  | 'deleteTimer'
  | 'releaseTimerClaims'
  | 'nextTimerDue'
>;

/** A row of `callback_keys`: what the store remembers about one (channel, key) — its wait timed out. */
export interface KeyMarkRow {
  state: 'timed_out';
  payload: string | null;
  expires_at: number | null;
}

/** A row of `callback_notices`: one notice (by body digest) on a key, in the inbox or seen. */
export interface NoticeRow {
  state: 'inbox' | 'seen';
  expires_at: number | null;
}

/** A callback notice taken from the inbox by a new wait: its body and, when kept, headers and query. */
export function earlyOutcome(inbox: { payload: string | null; context: string | null }): RegisterWaitOutcome {
  const payload = JSON.parse(inbox.payload ?? 'null') as Json;
  return inbox.context === null
    ? { status: 'early', payload }
    : { status: 'early', payload, context: JSON.parse(inbox.context) as CallbackContext };
}
