import type { PoolClient } from 'pg';
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
import type { PgContext } from './postgres-store.ts';

const SET_MARK = `INSERT INTO callback_keys (channel, key, state, payload, expires_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (channel, key) DO UPDATE SET state = excluded.state, payload = excluded.payload,
  expires_at = excluded.expires_at`;

// `at` orders the inbox: never before the key's latest notice, so notices of one millisecond keep
// their arrival order instead of falling back to digest order (the key is locked for the transaction).
const PUT_NOTICE = `INSERT INTO callback_notices (channel, key, digest, state, payload, expires_at, at, context)
  VALUES ($1, $2, $3, $4, $5, $6,
    GREATEST($7, COALESCE((SELECT MAX(at) + 1 FROM callback_notices WHERE channel = $1 AND key = $2), 0)), $8)
  ON CONFLICT (channel, key, digest) DO UPDATE SET state = excluded.state,
  payload = excluded.payload, expires_at = excluded.expires_at, at = excluded.at, context = excluded.context`;

const PUT_PENDING = `INSERT INTO pending_resumes (run_id, node_id, reason, channel, key, payload, created_at, context)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (run_id, node_id) DO UPDATE SET reason = excluded.reason, channel = excluded.channel,
  key = excluded.key, payload = excluded.payload, created_at = excluded.created_at, context = excluded.context`;

/**
 * Serialises everything about one (channel, key) for the rest of the transaction. A row lock cannot
 * do it: before the first callback or wait there is no row to lock, and that is exactly the race
 * (early callback versus wait registration) that must not lose a payload.
 */
async function lockKey(client: PoolClient, channel: string, key: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [channel, key]);
}

async function getMark(client: PoolClient, channel: string, key: string): Promise<KeyMarkRow | undefined> {
  const result = await client.query<KeyMarkRow>(
    'SELECT state, payload, expires_at FROM callback_keys WHERE channel = $1 AND key = $2',
    [channel, key],
  );
  return result.rows[0];
}

/** Waits, callback delivery and timers of the PostgreSQL store. */
export function createPgWaitQueries({ query, transaction }: PgContext): WaitQueries {
  return {
    registerWait: (wait) =>
      transaction(async (client): Promise<RegisterWaitOutcome> => {
        await lockKey(client, wait.channel, wait.key);
        const holder = (
          await client.query<WaitRow>('SELECT * FROM waits WHERE channel = $1 AND key = $2', [
            wait.channel,
            wait.key,
          ])
        ).rows[0];
        if (holder && (holder.run_id !== wait.runId || holder.node_id !== wait.nodeId)) {
          throw waitKeyTakenError(wait.channel, wait.key, holder.run_id);
        }
        const inbox = (
          await client.query<{ digest: string; payload: string | null; context: string | null }>(
            `SELECT digest, payload, context FROM callback_notices WHERE channel = $1 AND key = $2 AND state = 'inbox'
             AND expires_at > $3 ORDER BY at, digest LIMIT 1`,
            [wait.channel, wait.key, wait.createdAt],
          )
        ).rows[0];
        if (inbox) {
          await client.query(
            `UPDATE callback_notices SET state = 'seen', payload = NULL, context = NULL, expires_at = NULL
             WHERE channel = $1 AND key = $2 AND digest = $3`,
            [wait.channel, wait.key, inbox.digest],
          );
          await client.query(PUT_PENDING, [
            wait.runId,
            wait.nodeId,
            'callback',
            wait.channel,
            wait.key,
            inbox.payload ?? 'null',
            wait.createdAt,
            inbox.context,
          ]);
          return earlyOutcome(inbox);
        }
        // A fresh wait is a fresh expectation: forget that an earlier wait on this key timed out.
        // Notices seen stay: a supplier's retry of one of them is a duplicate for this wait too.
        await client.query('DELETE FROM callback_keys WHERE channel = $1 AND key = $2', [
          wait.channel,
          wait.key,
        ]);
        await client.query('DELETE FROM waits WHERE run_id = $1 AND node_id = $2', [wait.runId, wait.nodeId]);
        await client.query('DELETE FROM pending_resumes WHERE run_id = $1 AND node_id = $2', [
          wait.runId,
          wait.nodeId,
        ]);
        await client.query(
          `INSERT INTO waits (channel, key, run_id, node_id, deadline, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [wait.channel, wait.key, wait.runId, wait.nodeId, wait.deadline ?? null, wait.createdAt],
        );
        return { status: 'waiting' };
      }),
    deliver: (channel, key, payload, inboxTtlMs, now, context) => {
      const text = JSON.stringify(payload);
      const contextText = context ? JSON.stringify(context) : null;
      const digest = noticeDigest(payload);
      return transaction(async (client): Promise<DeliveryOutcome> => {
        await lockKey(client, channel, key);
        const known = (
          await client.query<NoticeRow>(
            'SELECT state, expires_at FROM callback_notices WHERE channel = $1 AND key = $2 AND digest = $3',
            [channel, key, digest],
          )
        ).rows[0];
        if (known && (known.state === 'seen' || Number(known.expires_at ?? 0) > now)) {
          return { outcome: 'duplicate' };
        }
        const claimed = (
          await client.query<WaitRow>('DELETE FROM waits WHERE channel = $1 AND key = $2 RETURNING *', [
            channel,
            key,
          ])
        ).rows[0];
        if (claimed) {
          await client.query(PUT_NOTICE, [channel, key, digest, 'seen', null, null, now, null]);
          await client.query(PUT_PENDING, [
            claimed.run_id,
            claimed.node_id,
            'callback',
            channel,
            key,
            text,
            now,
            contextText,
          ]);
          return { outcome: 'matched', wait: waitFromRow(claimed) };
        }
        const mark = await getMark(client, channel, key);
        if (mark?.state === 'timed_out') return { outcome: 'late' };
        await client.query(PUT_NOTICE, [
          channel,
          key,
          digest,
          'inbox',
          text,
          now + inboxTtlMs,
          now,
          contextText,
        ]);
        return { outcome: 'early' };
      });
    },
    expireWait: (runId, nodeId, now = Date.now()) =>
      transaction(async (client) => {
        // Deleting the row is the claim: a callback deleting it concurrently blocks on the row lock,
        // then finds nothing and reads the timed-out mark written here.
        const claimed = (
          await client.query<{ channel: string; key: string }>(
            'DELETE FROM waits WHERE run_id = $1 AND node_id = $2 RETURNING channel, key',
            [runId, nodeId],
          )
        ).rows[0];
        if (!claimed) return false;
        await client.query(SET_MARK, [claimed.channel, claimed.key, 'timed_out', null, null]);
        await client.query(PUT_PENDING, [
          runId,
          nodeId,
          'timeout',
          claimed.channel,
          claimed.key,
          null,
          now,
          null,
        ]);
        return true;
      }),
    listPendingResumes: async (filter = {}) => {
      const params: unknown[] = [];
      let sql = 'SELECT * FROM pending_resumes';
      if (filter.runId !== undefined) {
        params.push(filter.runId);
        sql += ' WHERE run_id = $1';
      }
      sql += ' ORDER BY created_at, run_id, node_id';
      if (filter.limit !== undefined) sql += ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
      return (await query<PendingResumeRow>(sql, params)).rows.map(pendingResumeFromRow);
    },
    deletePendingResume: async (runId, nodeId, createdAt) => {
      await query(
        'DELETE FROM pending_resumes WHERE run_id = $1 AND node_id = $2 AND ($3::bigint IS NULL OR created_at = $3)',
        [runId, nodeId, createdAt ?? null],
      );
    },
    listWaits: async (runId) =>
      (
        await query<WaitRow>('SELECT * FROM waits WHERE run_id = $1 ORDER BY created_at, node_id', [runId])
      ).rows.map(waitFromRow),
    findWait: async (channel, key) => {
      const [row] = (
        await query<WaitRow>('SELECT * FROM waits WHERE channel = $1 AND key = $2', [channel, key])
      ).rows;
      return row ? waitFromRow(row) : undefined;
    },
    clearRunWaits: (runId) =>
      transaction(async (client) => {
        await client.query('DELETE FROM waits WHERE run_id = $1', [runId]);
        await client.query('DELETE FROM timers WHERE run_id = $1', [runId]);
        await client.query('DELETE FROM pending_resumes WHERE run_id = $1', [runId]);
      }),
    countWaits: async () => (await query<{ n: number }>('SELECT COUNT(*) AS n FROM waits')).rows[0]?.n ?? 0,
    purgeInbox: async (now) =>
      (await query("DELETE FROM callback_notices WHERE state = 'inbox' AND expires_at <= $1", [now]))
        .rowCount ?? 0,

    putTimer: async (timer) => {
      await query(
        `INSERT INTO timers (id, run_id, node_id, kind, due_at, lease_until) VALUES ($1, $2, $3, $4, $5, 0)
         ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, node_id = excluded.node_id,
         kind = excluded.kind, due_at = excluded.due_at, lease_until = 0`,
        [timer.id, timer.runId, timer.nodeId, timer.kind, timer.dueAt],
      );
    },
    claimDueTimers: async (now, limit, leaseMs) => {
      // SKIP LOCKED lets concurrent workers claim disjoint timers instead of queueing on each other.
      const rows = (
        await query<TimerRow>(
          `UPDATE timers SET lease_until = $1 WHERE id IN (
             SELECT id FROM timers WHERE due_at <= $2 AND lease_until <= $2
             ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
           RETURNING id, run_id, node_id, kind, due_at`,
          [now + leaseMs, now, Math.max(0, limit)],
        )
      ).rows;
      return rows.sort((a, b) => a.due_at - b.due_at || (a.id < b.id ? -1 : 1)).map(timerFromRow);
    },
    deleteTimer: async (id, claimedDueAt) => {
      if (claimedDueAt === undefined) await query('DELETE FROM timers WHERE id = $1', [id]);
      else
        await query('DELETE FROM timers WHERE id = $1 AND lease_until > 0 AND due_at = $2', [
          id,
          claimedDueAt,
        ]);
    },
    releaseTimerClaims: async () =>
      (await query('UPDATE timers SET lease_until = 0 WHERE lease_until > 0')).rowCount ?? 0,
    nextTimerDue: async () => {
      // A leased timer cannot be claimed before its lease ends, so sleeping less would spin.
      const row = (
        await query<{ next: number | null }>(
          `SELECT LEAST((SELECT MIN(due_at) FROM timers WHERE lease_until = 0),
             (SELECT MIN(GREATEST(due_at, lease_until)) FROM timers WHERE lease_until > 0)) AS next`,
        )
      ).rows[0];
      return row?.next ?? undefined;
    },
  };
}
