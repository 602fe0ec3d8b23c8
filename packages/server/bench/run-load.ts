import autocannon from 'autocannon';
import { type ProcessUse, watchProcesses } from './process-cpu.ts';

/** How one server is loaded. */
export interface LoadPlan {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** What one measured phase gave, plus the totals over warm-up and measurement for the run count check. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, socket errors and timeouts during the measured phase. */
  failures: number;
  /** Requests answered 2xx, warm-up included. */
  answered2xx: number;
  /** Requests written, warm-up included; sent − answered were in flight when a phase stopped. */
  sent: number;
  /** How each watched process spent the measured phase. */
  use: ProcessUse[];
}

/** What to observe around the measured phase. */
export interface LoadHooks {
  /** Processes whose CPU use is read around the measured phase (server, sandbox). */
  watch: number[];
  beforeMeasure?: () => Promise<unknown>;
  afterMeasure?: () => Promise<unknown>;
}

/**
 * Posts the same JSON body with a fixed number of keep-alive connections: a warm-up, then the measured
 * phase, framed by the hooks (e.g. a CPU profile of only that phase).
 */
export async function runLoad(
  url: string,
  body: unknown,
  plan: LoadPlan,
  hooks: LoadHooks,
): Promise<LoadResult> {
  const options = {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections: plan.connections,
  };
  const warmup = await autocannon({ ...options, duration: plan.warmupSeconds });
  await hooks.beforeMeasure?.();
  const useSince = watchProcesses(hooks.watch);
  const measured = await autocannon({ ...options, duration: plan.durationSeconds });
  const use = useSince();
  await hooks.afterMeasure?.();
  return {
    rps: measured.requests.average,
    p50: measured.latency.p50,
    p99: measured.latency.p99,
    failures: measured.non2xx + measured.errors + measured.timeouts,
    answered2xx: warmup['2xx'] + measured['2xx'],
    sent: warmup.requests.sent + measured.requests.sent,
    use,
  };
}

/** One request outside the load, to check the answer before measuring how fast it comes. */
export async function probe(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}
