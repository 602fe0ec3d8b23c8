import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import { noticeDigest } from './notice-digest.ts';
import { ACTIVE_STATUSES, compareNewestFirst, matchesRunFilter, RUN_STATUSES } from './run-filter.ts';
import type {
  CallbackContext,
  DeliveryOutcome,
  JournalEntry,
  PendingResume,
  RegisterWaitOutcome,
  RunFilter,
  RunRecord,
  TimerRecord,
  WaitRecord,
} from './run-records.ts';
import type { RunStore } from './run-store.ts';
import { runExistsError, runNotFoundError, storeClosedError, waitKeyTakenError } from './store-errors.ts';
import { type BucketState, takeFromBucket } from './token-bucket.ts';

/** What the store remembers about a callback key that has no wait: its wait timed out. */
type KeyMark = { state: 'timed_out' };

/** A notice received on a key, by digest: waiting in the inbox, or seen (delivered or consumed). */
type Notice =
  | { state: 'inbox'; payload: Json; context?: CallbackContext; expiresAt: number }
  | { state: 'seen' };

interface TimerSlot {
  timer: TimerRecord;
  leaseUntil: number;
}

const copy = structuredClone;

function keyOf(channel: string, key: string): string {
  return `${channel}\u0000${key}`;
}

function withoutUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * A {@link RunStore} in process memory, for tests and the in-memory benchmark.
 * Every method runs synchronously inside one call, so each is trivially atomic; values are copied
 * in and out so callers can never mutate stored state by accident. Nothing survives the process.
 */
export function createMemoryStore(): RunStore {
  const snapshots = new Map<string, FlowDocument>();
  const runs = new Map<string, RunRecord>();
  const journals = new Map<string, JournalEntry[]>();
  const waitsByKey = new Map<string, WaitRecord>();
  const waitsByRun = new Map<string, Map<string, WaitRecord>>();
  const marks = new Map<string, KeyMark>();
  // Per (channel, key): notices by digest, in arrival order (the inbox is consumed oldest first).
  const notices = new Map<string, Map<string, Notice>>();
  const noticesOf = (k: string): Map<string, Notice> => {
    let found = notices.get(k);
    if (!found) {
      found = new Map();
      notices.set(k, found);
    }
    return found;
  };
  // Keyed like waits by run: `runId \0 nodeId`; insertion order is creation order.
  const pending = new Map<string, PendingResume>();
  const timers = new Map<string, TimerSlot>();
  const leases = new Map<string, { owner: string; until: number }>();
  const kv = new Map<string, { value: Json; expiresAt: number | undefined }>();
  const buckets = new Map<string, BucketState>();
  let closed = false;

  // Every method goes through `open` so a closed store fails the same way everywhere.
  const open = <T>(action: () => T): Promise<T> => {
    if (closed) return Promise.reject(storeClosedError());
    try {
      return Promise.resolve(action());
    } catch (error) {
      return Promise.reject(error);
    }
  };

  const removeWait = (wait: WaitRecord): void => {
    waitsByKey.delete(keyOf(wait.channel, wait.key));
    const perRun = waitsByRun.get(wait.runId);
    perRun?.delete(wait.nodeId);
    if (perRun?.size === 0) waitsByRun.delete(wait.runId);
  };

  const putPending = (resume: PendingResume): void => {
    const id = keyOf(resume.runId, resume.nodeId);
    pending.delete(id);
    pending.set(id, resume);
  };

  const appendOne = (entry: JournalEntry): void => {
    let list = journals.get(entry.runId);
    if (!list) {
      list = [];
      journals.set(entry.runId, list);
    }
    const last = list[list.length - 1];
    if (!last || last.seq < entry.seq) {
      list.push(copy(entry));
      return;
    }
    // Out-of-order or replayed append (after a crash): the first entry with a seq wins.
    if (list.some((existing) => existing.seq === entry.seq)) return;
    list.push(copy(entry));
    list.sort((a, b) => a.seq - b.seq);
  };

  return {
    putFlowSnapshot: (hash, document) =>
      open(() => {
        if (!snapshots.has(hash)) snapshots.set(hash, copy(document));
      }),
    getFlowSnapshot: (hash) => open(() => copy(snapshots.get(hash))),

    createRun: (run, lease) =>
      open(() => {
        if (runs.has(run.id)) throw runExistsError(run.id);
        runs.set(run.id, copy(run));
        if (lease) leases.set(run.id, { ...lease });
      }),
    getRun: (id) => open(() => copy(runs.get(id))),
    listRuns: (filter: RunFilter = {}) =>
      open(() => {
        let cursor: RunRecord | undefined;
        if (filter.before !== undefined) {
          cursor = runs.get(filter.before);
          if (!cursor) throw runNotFoundError(filter.before);
        }
        const found = [...runs.values()]
          .filter((run) => matchesRunFilter(run, filter))
          .filter((run) => !cursor || compareNewestFirst(cursor, run) < 0)
          .sort(compareNewestFirst);
        const { limit } = filter;
        const capped =
          limit === undefined || !Number.isFinite(limit)
            ? found
            : found.slice(0, Math.max(0, Math.floor(limit)));
        return copy(capped);
      }),
    updateRun: (id, patch) =>
      open(() => {
        const run = runs.get(id);
        if (!run) throw runNotFoundError(id);
        runs.set(id, { ...run, ...copy(withoutUndefined(patch)), id, createdAt: run.createdAt });
      }),
    reopenRun: (runId, entry, patch) =>
      open(() => {
        const run = runs.get(runId);
        if (run?.status !== 'failed') return undefined;
        const { error: _error, finishedAt: _finishedAt, ...rest } = run;
        runs.set(runId, {
          ...rest,
          status: 'queued',
          updatedAt: patch.updatedAt,
          ...(patch.tags !== undefined ? { tags: copy(patch.tags) } : {}),
        });
        leases.delete(runId);
        const seq = (journals.get(runId)?.at(-1)?.seq ?? 0) + 1;
        appendOne({ ...entry, runId, seq });
        return seq;
      }),
    countRuns: (filter = {}) =>
      open(() => {
        const counts: Record<string, number> = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0]));
        for (const run of runs.values()) {
          if (matchesRunFilter(run, filter)) counts[run.status] = (counts[run.status] ?? 0) + 1;
        }
        return counts;
      }),

    appendJournal: (entries) => open(() => entries.forEach(appendOne)),
    readJournal: (runId) => open(() => copy(journals.get(runId) ?? [])),

    registerWait: (wait) =>
      open((): RegisterWaitOutcome => {
        const k = keyOf(wait.channel, wait.key);
        const holder = waitsByKey.get(k);
        if (holder && (holder.runId !== wait.runId || holder.nodeId !== wait.nodeId)) {
          throw waitKeyTakenError(wait.channel, wait.key, holder.runId);
        }
        const seen = notices.get(k);
        for (const [digest, notice] of seen ?? []) {
          if (notice.state !== 'inbox' || notice.expiresAt <= wait.createdAt) continue;
          seen!.set(digest, { state: 'seen' });
          putPending({
            runId: wait.runId,
            nodeId: wait.nodeId,
            reason: 'callback',
            channel: wait.channel,
            key: wait.key,
            payload: copy(notice.payload),
            ...(notice.context ? { context: copy(notice.context) } : {}),
            createdAt: wait.createdAt,
          });
          return {
            status: 'early',
            payload: copy(notice.payload),
            ...(notice.context ? { context: copy(notice.context) } : {}),
          };
        }
        // A fresh wait is a fresh expectation: forget that an earlier wait on this key timed out.
        // Notices seen stay: a supplier's retry of one of them is a duplicate for this wait too.
        marks.delete(k);
        pending.delete(keyOf(wait.runId, wait.nodeId));
        const previous = waitsByRun.get(wait.runId)?.get(wait.nodeId);
        if (previous) removeWait(previous);
        const stored = copy(wait);
        waitsByKey.set(k, stored);
        let perRun = waitsByRun.get(wait.runId);
        if (!perRun) {
          perRun = new Map();
          waitsByRun.set(wait.runId, perRun);
        }
        perRun.set(wait.nodeId, stored);
        return { status: 'waiting' };
      }),
    deliver: (channel, key, payload, inboxTtlMs, now, context) =>
      open((): DeliveryOutcome => {
        const k = keyOf(channel, key);
        const digest = noticeDigest(payload);
        const known = notices.get(k)?.get(digest);
        if (known && (known.state === 'seen' || known.expiresAt > now)) return { outcome: 'duplicate' };
        const wait = waitsByKey.get(k);
        if (wait) {
          removeWait(wait);
          noticesOf(k).set(digest, { state: 'seen' });
          putPending({
            runId: wait.runId,
            nodeId: wait.nodeId,
            reason: 'callback',
            channel,
            key,
            payload: copy(payload),
            ...(context ? { context: copy(context) } : {}),
            createdAt: now,
          });
          return { outcome: 'matched', wait: copy(wait) };
        }
        if (marks.get(k)?.state === 'timed_out') return { outcome: 'late' };
        const inbox = noticesOf(k);
        // Re-inserted at the end: an expired copy counts as new, in arrival order.
        inbox.delete(digest);
        inbox.set(digest, {
          state: 'inbox',
          payload: copy(payload),
          ...(context ? { context: copy(context) } : {}),
          expiresAt: now + inboxTtlMs,
        });
        return { outcome: 'early' };
      }),
    expireWait: (runId, nodeId, now = Date.now()) =>
      open(() => {
        const wait = waitsByRun.get(runId)?.get(nodeId);
        if (!wait) return false;
        removeWait(wait);
        marks.set(keyOf(wait.channel, wait.key), { state: 'timed_out' });
        putPending({
          runId,
          nodeId,
          reason: 'timeout',
          channel: wait.channel,
          key: wait.key,
          createdAt: now,
        });
        return true;
      }),
    listPendingResumes: (filter = {}) =>
      open(() => {
        const found = [...pending.values()]
          .filter((resume) => filter.runId === undefined || resume.runId === filter.runId)
          .sort((a, b) => a.createdAt - b.createdAt);
        return copy(filter.limit === undefined ? found : found.slice(0, Math.max(0, filter.limit)));
      }),
    deletePendingResume: (runId, nodeId, createdAt) =>
      open(() => {
        const id = keyOf(runId, nodeId);
        if (createdAt === undefined || pending.get(id)?.createdAt === createdAt) pending.delete(id);
      }),
    listWaits: (runId) => open(() => copy([...(waitsByRun.get(runId)?.values() ?? [])])),
    findWait: (channel, key) =>
      open(() => {
        const wait = waitsByKey.get(keyOf(channel, key));
        return wait ? copy(wait) : undefined;
      }),
    clearRunWaits: (runId) =>
      open(() => {
        for (const wait of [...(waitsByRun.get(runId)?.values() ?? [])]) removeWait(wait);
        for (const [id, resume] of pending) if (resume.runId === runId) pending.delete(id);
        for (const [id, slot] of timers) if (slot.timer.runId === runId) timers.delete(id);
      }),
    countWaits: () => open(() => waitsByKey.size),
    purgeInbox: (now) =>
      open(() => {
        let purged = 0;
        for (const [k, byDigest] of notices) {
          for (const [digest, notice] of byDigest) {
            if (notice.state === 'inbox' && notice.expiresAt <= now) {
              byDigest.delete(digest);
              purged++;
            }
          }
          if (byDigest.size === 0) notices.delete(k);
        }
        return purged;
      }),

    putTimer: (timer) => open(() => void timers.set(timer.id, { timer: copy(timer), leaseUntil: 0 })),
    claimDueTimers: (now, limit, leaseMs) =>
      open(() => {
        const due = [...timers.values()]
          .filter((slot) => slot.timer.dueAt <= now && slot.leaseUntil <= now)
          .sort((a, b) => a.timer.dueAt - b.timer.dueAt)
          .slice(0, Math.max(0, limit));
        for (const slot of due) slot.leaseUntil = now + leaseMs;
        return copy(due.map((slot) => slot.timer));
      }),
    deleteTimer: (id, claimedDueAt) =>
      open(() => {
        const slot = timers.get(id);
        if (claimedDueAt === undefined || (slot && slot.leaseUntil > 0 && slot.timer.dueAt === claimedDueAt))
          timers.delete(id);
      }),
    releaseTimerClaims: () =>
      open(() => {
        let released = 0;
        for (const slot of timers.values()) {
          if (slot.leaseUntil === 0) continue;
          slot.leaseUntil = 0;
          released++;
        }
        return released;
      }),
    nextTimerDue: () =>
      open(() => {
        let next: number | undefined;
        for (const slot of timers.values()) {
          // A leased timer cannot be claimed before its lease passes, so sleeping less would spin.
          const ready = Math.max(slot.timer.dueAt, slot.leaseUntil);
          if (next === undefined || ready < next) next = ready;
        }
        return next;
      }),

    acquireLease: (runId, owner, now, leaseMs) =>
      open(() => {
        const lease = leases.get(runId);
        if (lease && lease.owner !== owner && lease.until > now) return false;
        leases.set(runId, { owner, until: now + leaseMs });
        return true;
      }),
    releaseLease: (runId, owner) =>
      open(() => {
        if (leases.get(runId)?.owner === owner) leases.delete(runId);
      }),
    releaseForeignLeases: (owner) =>
      open(() => {
        let released = 0;
        for (const [runId, lease] of leases) {
          if (lease.owner === owner) continue;
          leases.delete(runId);
          released++;
        }
        return released;
      }),
    listOrphanRuns: (now, limit) =>
      open(() => {
        const orphans = [...runs.values()]
          .filter((run) => ACTIVE_STATUSES.includes(run.status))
          .filter((run) => (leases.get(run.id)?.until ?? 0) <= now)
          .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
        return copy(orphans.slice(0, Math.max(0, limit)));
      }),
    listStrandedRuns: (now, limit) =>
      open(() => {
        const woken = new Set<string>();
        for (const run of waitsByRun.keys()) if ((waitsByRun.get(run)?.size ?? 0) > 0) woken.add(run);
        for (const slot of timers.values()) woken.add(slot.timer.runId);
        for (const resume of pending.values()) woken.add(resume.runId);
        const stranded = [...runs.values()]
          .filter((run) => run.status === 'waiting' && !woken.has(run.id))
          .filter((run) => (leases.get(run.id)?.until ?? 0) <= now)
          .sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : 1));
        return copy(stranded.slice(0, Math.max(0, limit)));
      }),

    kvGet: (namespace, key, now) =>
      open(() => {
        const item = kv.get(keyOf(namespace, key));
        if (!item) return undefined;
        if (item.expiresAt !== undefined && item.expiresAt <= now) return undefined;
        return copy(item.value);
      }),
    kvSet: (namespace, key, value, expiresAt) =>
      open(() => void kv.set(keyOf(namespace, key), { value: copy(value), expiresAt })),
    kvDelete: (namespace, key) => open(() => void kv.delete(keyOf(namespace, key))),
    takeToken: (key, bucket, now) =>
      open(() => {
        const result = takeFromBucket(key, buckets.get(key), bucket, now);
        buckets.set(key, result.state);
        return { allowed: result.allowed, retryAfterMs: result.retryAfterMs };
      }),

    flush: () => open(() => undefined),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}
