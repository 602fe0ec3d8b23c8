import type { JournalEntry, RunRecord, RunStore } from '@junction/runtime';
import type { Deployment } from './deployment-repository.ts';

/** Figures of one side (main or canary) of a deployment. */
export interface VersionFigures {
  version: number;
  role: 'main' | 'canary';
  runs: number;
  finished: number;
  succeeded: number;
  failed: number;
  /** Succeeded / finished, in percent (null before any run finished). */
  successRate: number | null;
  /** Failed / finished, in percent (null before any run finished). */
  failureRate: number | null;
  /** From run creation to its end, ms. */
  latency: { p50: number | null; p99: number | null };
  /** From a run starting to await a callback to the callback resuming it, ms. */
  callbackDelay: { count: number; p50: number | null; p99: number | null };
  /** Error codes of failed runs (supplier refusals carry the supplier's own code), most frequent first. */
  errors: { code: string; supplierCode?: number; count: number }[];
}

/** The side-by-side comparison of a deployment's main and canary versions. */
export interface CanaryReport {
  flowId: string;
  environment: string;
  since: number;
  main: VersionFigures;
  canary?: VersionFigures;
  /** Canary failure rate minus main's, in percentage points (null until both have finished runs). */
  failureRateDeltaPoints: number | null;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Callback delays of one run: each `node.waiting` to the `node.resumed` of the same node. */
function callbackDelays(journal: JournalEntry[]): number[] {
  const waitingSince = new Map<string, number>();
  const delays: number[] = [];
  for (const entry of journal) {
    if (!entry.nodeId) continue;
    if (entry.type === 'node.waiting') waitingSince.set(entry.nodeId, entry.at);
    if (entry.type === 'node.resumed') {
      const since = waitingSince.get(entry.nodeId);
      if (since !== undefined) delays.push(entry.at - since);
      waitingSince.delete(entry.nodeId);
    }
  }
  return delays;
}

/** Whether a finished run counts as a canary run of the deployment (else as main). */
export function isCanaryRun(run: RunRecord): boolean {
  return run.tags?.canary === true;
}

async function figures(
  store: RunStore,
  runs: RunRecord[],
  version: number,
  role: 'main' | 'canary',
  withJournals: boolean,
): Promise<VersionFigures> {
  const finished = runs.filter((r) => FINISHED.has(r.status));
  const succeeded = finished.filter((r) => r.status === 'succeeded').length;
  const failed = finished.filter((r) => r.status === 'failed').length;
  const latencies = finished
    .filter((r) => r.finishedAt !== undefined)
    .map((r) => (r.finishedAt as number) - r.createdAt)
    .sort((a, b) => a - b);
  const delays: number[] = [];
  if (withJournals) {
    for (const run of runs) delays.push(...callbackDelays(await store.readJournal(run.id)));
  }
  delays.sort((a, b) => a - b);
  const errors = new Map<string, { code: string; supplierCode?: number; count: number }>();
  for (const run of finished) {
    if (run.status !== 'failed' || !run.error) continue;
    const supplierCode = run.error.details?.supplierCode;
    const key = `${run.error.code}\u0000${supplierCode ?? ''}`;
    const entry = errors.get(key) ?? {
      code: run.error.code,
      ...(typeof supplierCode === 'number' ? { supplierCode } : {}),
      count: 0,
    };
    entry.count += 1;
    errors.set(key, entry);
  }
  const rate = (n: number) => (finished.length === 0 ? null : (n / finished.length) * 100);
  return {
    version,
    role,
    runs: runs.length,
    finished: finished.length,
    succeeded,
    failed,
    successRate: rate(succeeded),
    failureRate: rate(failed),
    latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    callbackDelay: { count: delays.length, p50: percentile(delays, 50), p99: percentile(delays, 99) },
    errors: [...errors.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}

/** How many recent runs a report reads at most (newest first). */
export const REPORT_RUN_LIMIT = 5000;

/**
 * Compares the canary with the main version over the deployment's (non-test) runs in an environment
 * since `since` (default: when the deployment was made). `withJournals: false` skips the callback
 * delays (the rollback rule needs only counts).
 */
export async function canaryReport(
  store: RunStore,
  input: {
    flowId: string;
    environment: string;
    deployment: Deployment;
    since?: number;
    withJournals?: boolean;
  },
): Promise<CanaryReport> {
  const { flowId, environment, deployment } = input;
  const since = input.since ?? deployment.deployedAt;
  const runs = await store.listRuns({ flowId, environment, test: false, since, limit: REPORT_RUN_LIMIT });
  const withJournals = input.withJournals ?? true;
  const canaryVersion = deployment.canary?.version;
  const canaryRuns = runs.filter((r) => isCanaryRun(r) && r.flowVersion === canaryVersion);
  const mainRuns = runs.filter((r) => !isCanaryRun(r) && r.flowVersion === deployment.version);
  const main = await figures(store, mainRuns, deployment.version, 'main', withJournals);
  const canary =
    canaryVersion === undefined
      ? undefined
      : await figures(store, canaryRuns, canaryVersion, 'canary', withJournals);
  const delta = canary && canary.failureRate !== null ? canary.failureRate - (main.failureRate ?? 0) : null;
  return {
    flowId,
    environment,
    since,
    main,
    ...(canary ? { canary } : {}),
    failureRateDeltaPoints: delta,
  };
}
