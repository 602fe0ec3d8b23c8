import {
  JunctionError,
  RUN_PURGE_BATCH,
  type RunPurgeSelection,
  type RunStore,
  type RunStoreRetention,
} from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';
import {
  type EffectiveRetention,
  effectiveRetention,
  type FlowRetentionPolicy,
} from './retention-policies.ts';
import type { RetentionSettings } from './retention-settings.ts';

const DAY_MS = 86_400_000;

/** What one purge deleted, and the store's size around its compaction. */
export interface PurgeReport {
  startedAt: number;
  durationMs: number;
  /** Finished runs deleted, and their journal entries. */
  runs: number;
  journalEntries: number;
  /** Rows of the callback log older than the callback retention. */
  callbackLogs: number;
  /** Delivered-notice and timed-out-key markers older than the callback retention. */
  callbackMarks: number;
  /** Expired key/value rows (cache node, remembered webhook answers). */
  kv: number;
  /** Inbox notices past their time to live. */
  inbox: number;
  /** Expired nonces of verified messages. */
  nonces: number;
  /** Size on disk before and after the compaction (bytes); absent when not compacted. */
  bytesBefore?: number;
  bytesAfter?: number;
}

/** What {@link purgeNow} works on. */
export interface PurgeTarget {
  store: RunStore;
  db: SqlDatabase;
  settings: RetentionSettings;
  policies: FlowRetentionPolicy[];
}

/** Options of {@link purgeNow}. */
export interface PurgeOptions {
  /** The purge's "now" (epoch ms); default the clock. */
  now?: number;
  /** Give freed space back (SQLite: incremental vacuum; PostgreSQL: VACUUM). Default true. */
  compact?: boolean;
  /** Runs per transaction (default the store's). */
  batch?: number;
}

function retentionOf(store: RunStore): RunStoreRetention {
  const { purgeRuns, purgeExpired, compact } = store;
  if (!purgeRuns || !purgeExpired || !compact) {
    throw new JunctionError(
      'JX_RETENTION_UNSUPPORTED',
      'This run store cannot purge; retention needs the SQLite or PostgreSQL store.',
    );
  }
  return {
    purgeRuns: purgeRuns.bind(store),
    purgeExpired: purgeExpired.bind(store),
    compact: compact.bind(store),
  };
}

function selectionOf(retention: EffectiveRetention, now: number): RunPurgeSelection {
  return {
    ...(retention.succeededDays !== null ? { succeededBefore: now - retention.succeededDays * DAY_MS } : {}),
    ...(retention.failedDays !== null ? { failedBefore: now - retention.failedDays * DAY_MS } : {}),
    ...(retention.maxRuns !== null ? { keepPerFlow: retention.maxRuns } : {}),
  };
}

/**
 * One purge: every flow with a policy by its policy, all other flows by the defaults, in batches
 * (one short transaction each, the event loop free between them); then expired rows, callback
 * markers and the callback log past the callback retention, expired nonces; then the compaction.
 * Never a queued, running or waiting run.
 */
export async function purgeNow(target: PurgeTarget, options: PurgeOptions = {}): Promise<PurgeReport> {
  const store = retentionOf(target.store);
  const startedAt = Date.now();
  const now = options.now ?? startedAt;
  const limit = options.batch ?? RUN_PURGE_BATCH;
  const report: PurgeReport = {
    startedAt,
    durationMs: 0,
    runs: 0,
    journalEntries: 0,
    callbackLogs: 0,
    callbackMarks: 0,
    kv: 0,
    inbox: 0,
    nonces: 0,
  };
  const passes: RunPurgeSelection[] = [
    ...target.policies.map((policy) => ({
      flowIds: [policy.flowId],
      ...selectionOf(effectiveRetention(target.settings, policy), now),
    })),
    {
      ...(target.policies.length > 0 ? { exceptFlowIds: target.policies.map((p) => p.flowId) } : {}),
      ...selectionOf(effectiveRetention(target.settings, undefined), now),
    },
  ];
  for (const selection of passes) {
    for (;;) {
      const deleted = await store.purgeRuns({ ...selection, limit });
      report.runs += deleted.runs;
      report.journalEntries += deleted.journalEntries;
      if (deleted.runs < limit) break;
      // Let the engine and the API in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const callbacksBefore =
    target.settings.callbackDays === null ? 0 : now - target.settings.callbackDays * DAY_MS;
  const expired = await store.purgeExpired({ now, callbackMarksBefore: callbacksBefore });
  report.kv = expired.kv;
  report.inbox = expired.inbox;
  report.callbackMarks = expired.callbackMarks;
  report.callbackLogs = await target.db.run('DELETE FROM srv_callbacks WHERE at < ?', [callbacksBefore]);
  report.nonces = await target.db.run('DELETE FROM srv_nonces WHERE expires_at <= ?', [now]);
  if (options.compact ?? true) {
    const { bytesBefore, bytesAfter } = await store.compact();
    report.bytesBefore = bytesBefore;
    report.bytesAfter = bytesAfter;
  }
  report.durationMs = Date.now() - startedAt;
  return report;
}
