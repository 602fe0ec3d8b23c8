import { asPromise } from '../as-promise.ts';
import { noticeDigest } from '../notice-digest.ts';
import type { DeliveryOutcome, RegisterWaitOutcome } from '../run-records.ts';
import {
  type PendingResumeRow,
  pendingResumeFromRow,
  type TimerRow,
  timerFromRow,
  type WaitRow,
  waitFromRow,
} from '../sql/row-mappers.ts';
import { earlyOutcome, type KeyMarkRow, type NoticeRow, type WaitQueries } from '../sql/wait-queries.ts';
import { waitKeyTakenError } from '../store-errors.ts';
import type { SqliteContext } from './sqlite-store.ts';

/**
 * Waits, callback delivery and timers of the SQLite store. Each decision reads and writes inside one
 * IMMEDIATE transaction, which holds the file's write lock: a callback, a deadline and a wait
 * registration for the same key are serialised even across processes.
 */
export function createSqliteWaitQueries({ statements: s, write, read }: SqliteContext): WaitQueries {
  return {
    registerWait: (wait) =>
      asPromise(() =>
        write((): RegisterWaitOutcome => {
          const holder = s.getWaitByKey.get(wait.channel, wait.key) as WaitRow | undefined;
          if (holder && (holder.run_id !== wait.runId || holder.node_id !== wait.nodeId)) {
            throw waitKeyTakenError(wait.channel, wait.key, holder.run_id);
          }
          const inbox = s.oldestInboxNotice.get(wait.channel, wait.key, wait.createdAt) as
            | { digest: string; payload: string | null; context: string | null }
            | undefined;
          if (inbox) {
            s.markNoticeSeen.run(wait.channel, wait.key, inbox.digest);
            s.putPendingResume.run(
              wait.runId,
              wait.nodeId,
              'callback',
              wait.channel,
              wait.key,
              inbox.payload ?? 'null',
              wait.createdAt,
              inbox.context,
            );
            return earlyOutcome(inbox);
          }
          // A fresh wait is a fresh expectation: forget that an earlier wait on this key timed out.
          // Notices seen stay: a supplier's retry of one of them is a duplicate for this wait too.
          s.deleteKeyMark.run(wait.channel, wait.key);
          s.deletePendingResume.run(wait.runId, wait.nodeId);
          s.deleteWaitByNode.run(wait.runId, wait.nodeId);
          s.insertWait.run(
            wait.channel,
            wait.key,
            wait.runId,
            wait.nodeId,
            wait.deadline ?? null,
            wait.createdAt,
          );
          return { status: 'waiting' };
        }),
      ),
    deliver: (channel, key, payload, inboxTtlMs, now, context) =>
      asPromise(() => {
        const text = JSON.stringify(payload);
        const contextText = context ? JSON.stringify(context) : null;
        const digest = noticeDigest(payload);
        return write((): DeliveryOutcome => {
          const known = s.getNotice.get(channel, key, digest) as NoticeRow | undefined;
          if (known && (known.state === 'seen' || (known.expires_at ?? 0) > now))
            return { outcome: 'duplicate' };
          const wait = s.getWaitByKey.get(channel, key) as WaitRow | undefined;
          if (wait) {
            s.deleteWait.run(channel, key);
            s.putNotice.run({
              channel,
              key,
              digest,
              state: 'seen',
              payload: null,
              expires_at: null,
              at: now,
              context: null,
            });
            s.putPendingResume.run(
              wait.run_id,
              wait.node_id,
              'callback',
              channel,
              key,
              text,
              now,
              contextText,
            );
            return { outcome: 'matched', wait: waitFromRow(wait) };
          }
          const mark = s.getKeyMark.get(channel, key) as KeyMarkRow | undefined;
          if (mark?.state === 'timed_out') return { outcome: 'late' };
          s.putNotice.run({
            channel,
            key,
            digest,
            state: 'inbox',
            payload: text,
            expires_at: now + inboxTtlMs,
            at: now,
            context: contextText,
          });
          return { outcome: 'early' };
        });
      }),
    expireWait: (runId, nodeId, now = Date.now()) =>
      asPromise(() =>
        write(() => {
          const claimed = s.deleteWaitByNode.get(runId, nodeId) as
            | { channel: string; key: string }
            | undefined;
          if (!claimed) return false;
          s.setKeyMark.run(claimed.channel, claimed.key, 'timed_out', null, null);
          s.putPendingResume.run(runId, nodeId, 'timeout', claimed.channel, claimed.key, null, now, null);
          return true;
        }),
      ),
    listPendingResumes: (filter = {}) =>
      asPromise(() =>
        read(() => {
          // LIMIT -1 is "no limit" in SQLite.
          const limit = filter.limit === undefined ? -1 : Math.max(0, Math.floor(filter.limit));
          const rows = (
            filter.runId === undefined
              ? s.listPendingResumes.all(limit)
              : s.listRunPendingResumes.all(filter.runId, limit)
          ) as PendingResumeRow[];
          return rows.map(pendingResumeFromRow);
        }),
      ),
    deletePendingResume: (runId, nodeId, createdAt) =>
      asPromise(() =>
        write(() => {
          if (createdAt === undefined) s.deletePendingResume.run(runId, nodeId);
          else s.deletePendingResumeAt.run(runId, nodeId, createdAt);
        }),
      ),
    listWaits: (runId) => asPromise(() => read(() => (s.listWaits.all(runId) as WaitRow[]).map(waitFromRow))),
    findWait: (channel, key) =>
      asPromise(() =>
        read(() => {
          const row = s.getWaitByKey.get(channel, key) as WaitRow | undefined;
          return row ? waitFromRow(row) : undefined;
        }),
      ),
    clearRunWaits: (runId) =>
      asPromise(() =>
        write(() => {
          s.deleteRunWaits.run(runId);
          s.deleteRunTimers.run(runId);
          s.deleteRunPendingResumes.run(runId);
        }),
      ),
    countWaits: () => asPromise(() => read(() => s.countWaits.get() as number)),
    purgeInbox: (now) => asPromise(() => write(() => s.purgeInbox.run(now).changes)),

    putTimer: (timer) =>
      asPromise(() =>
        write(() => void s.putTimer.run(timer.id, timer.runId, timer.nodeId, timer.kind, timer.dueAt)),
      ),
    claimDueTimers: (now, limit, leaseMs) =>
      asPromise(() =>
        write(() => {
          const rows = s.claimTimers.all(now + leaseMs, now, now, Math.max(0, limit)) as TimerRow[];
          // RETURNING does not promise an order; callers expect earliest first.
          return rows.sort((a, b) => a.due_at - b.due_at || (a.id < b.id ? -1 : 1)).map(timerFromRow);
        }),
      ),
    deleteTimer: (id, claimedDueAt) =>
      asPromise(() =>
        write(
          () =>
            void (claimedDueAt === undefined
              ? s.deleteTimer.run(id)
              : s.deleteClaimedTimer.run(id, claimedDueAt)),
        ),
      ),
    releaseTimerClaims: () => asPromise(() => write(() => s.releaseTimerClaims.run().changes)),
    nextTimerDue: () =>
      asPromise(() =>
        read(() => {
          const free = s.nextFreeTimer.get() as number | null;
          // A leased timer cannot be claimed before its lease ends, so sleeping less would spin.
          const leased = s.nextLeasedTimer.get() as number | null;
          if (free === null) return leased ?? undefined;
          return leased === null ? free : Math.min(free, leased);
        }),
      ),
  };
}
