import type { PostgresRunStore } from '@junction/runtime';
import type { SandboxHandle } from '@junction/sandbox';

type Pool = PostgresRunStore['pool'];

/** A run of the order flow as the throwaway PostgreSQL holds it, with what could wake it. */
export interface StoredRun {
  id: string;
  status: string;
  errorCode?: string;
  customerOrderNo?: string;
  waits: number;
  timers: number;
  pendingResumes: number;
  leaseOwner?: string;
  updatedAt: number;
}

const SCHEMA = 'junction';

function orderNoOf(input: string): string | undefined {
  try {
    const parsed = JSON.parse(input) as { body?: { customer_order_no?: unknown } };
    const value = parsed.body?.customer_order_no;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function errorCodeOf(error: string | null): string | undefined {
  if (!error) return undefined;
  try {
    const code = (JSON.parse(error) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Reads every run of `flowId` with its waits, timers, pending resumes and lease, straight from SQL. */
export async function readRuns(pool: Pool, flowId: string): Promise<StoredRun[]> {
  const { rows } = await pool.query<{
    id: string;
    status: string;
    error: string | null;
    input: string;
    updated_at: string;
    waits: string;
    timers: string;
    pending: string;
    owner: string | null;
  }>(
    `SELECT r.id, r.status, r.error, r.input, r.updated_at,
       (SELECT count(*) FROM ${SCHEMA}.waits w WHERE w.run_id = r.id) AS waits,
       (SELECT count(*) FROM ${SCHEMA}.timers t WHERE t.run_id = r.id) AS timers,
       (SELECT count(*) FROM ${SCHEMA}.pending_resumes p WHERE p.run_id = r.id) AS pending,
       (SELECT owner FROM ${SCHEMA}.run_leases l WHERE l.run_id = r.id) AS owner
     FROM ${SCHEMA}.runs r WHERE r.flow_id = $1 AND r.parent_run_id IS NULL`,
    [flowId],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    errorCode: errorCodeOf(row.error),
    customerOrderNo: orderNoOf(row.input),
    waits: Number(row.waits),
    timers: Number(row.timers),
    pendingResumes: Number(row.pending),
    leaseOwner: row.owner ?? undefined,
    updatedAt: Number(row.updated_at),
  }));
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** True once the run can no longer change. */
export function isFinished(run: StoredRun): boolean {
  return FINISHED.has(run.status);
}

/** True when every run finished and every settled order's callback was acknowledged. */
export function settled(runs: StoredRun[], sandbox: SandboxHandle): boolean {
  if (!runs.every(isFinished)) return false;
  const acknowledged = new Set(
    sandbox
      .deliveries()
      .filter((d) => d.outcome === 'acknowledged')
      .map((d) => d.orderId),
  );
  return sandbox
    .orders()
    .every((order) => !['success', 'failed'].includes(order.order_state) || acknowledged.has(order.order_id));
}
