import type { RunStore } from '@junction/runtime';
import type { RuleSpec } from './alert-types.ts';
import type { TimeoutSignals } from './timeout-signals.ts';

/** A rule's value for one flow now; `value` null when there is too little data to judge. */
export interface Measurement {
  value: number | null;
  firing: boolean;
  /** Finished runs the value is computed from (failure rate, p99). */
  runs?: number;
}

/** Default window of the windowed kinds. */
export const DEFAULT_WINDOW_MS = 15 * 60_000;
/** Default least number of finished runs before a rate or a percentile is judged. */
export const DEFAULT_MIN_RUNS = 10;
/** At most this many recent runs make a p99 (the newest ones in the window). */
const P99_SAMPLE = 5_000;

/** Nearest-rank percentile of unsorted numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
}

/**
 * Measures a flow rule from the run store (exact and shared by every process, unlike the in-memory
 * latency reservoirs): failure rate = failed / (succeeded + failed) of non-test runs created in the
 * window; p99 = run duration (finished − created) of those runs; callback timeouts counted in the
 * window; waiting runs counted now. Above the threshold fires.
 */
export async function measureFlowRule(
  rule: RuleSpec,
  flowId: string,
  deps: { store: RunStore; signals: TimeoutSignals },
  now: number,
): Promise<Measurement> {
  const since = now - (rule.windowMs ?? DEFAULT_WINDOW_MS);
  const minRuns = rule.minRuns ?? DEFAULT_MIN_RUNS;
  const scope = { flowId, test: false, ...(rule.environment ? { environment: rule.environment } : {}) };
  const judge = (value: number | null, runs?: number): Measurement => ({
    value,
    firing: value !== null && value > rule.threshold,
    ...(runs !== undefined ? { runs } : {}),
  });
  switch (rule.kind) {
    case 'failure-rate': {
      const counts = await deps.store.countRuns({ ...scope, since });
      const failed = counts.failed ?? 0;
      const finished = failed + (counts.succeeded ?? 0);
      return judge(finished >= Math.max(1, minRuns) ? (failed / finished) * 100 : null, finished);
    }
    case 'p99-latency': {
      const runs = await deps.store.listRuns({
        ...scope,
        since,
        status: ['succeeded', 'failed'],
        limit: P99_SAMPLE,
      });
      const durations = runs.flatMap((run) => (run.finishedAt ? [run.finishedAt - run.createdAt] : []));
      return judge(
        durations.length >= Math.max(1, minRuns) ? percentile(durations, 0.99) : null,
        durations.length,
      );
    }
    case 'callback-timeouts':
      return judge(await deps.signals.count(flowId, since));
    case 'waiting-runs': {
      const counts = await deps.store.countRuns({ ...scope, status: 'waiting' });
      return judge(counts.waiting ?? 0);
    }
    case 'supplier-balance':
      // Not a flow figure: balance rules are measured by checkBalance.
      return { value: null, firing: false };
  }
}
