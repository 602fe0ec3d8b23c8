import type { ProfileSummary } from './cpu-profile-summary.ts';
import type { ProcessUse } from './process-cpu.ts';
import type { LoadPlan, LoadResult } from './run-load.ts';

/** The minimum Junction/baseline throughput ratio of design.md "Performance budgets". */
export const TARGET_RATIO = 0.5;

/** What the Junction side recorded, read from its SQLite file after the server closed. */
export interface RecordedRuns {
  byStatus: Record<string, number>;
  journalEntries: number;
  databaseBytes: number;
}

/** Memory of the server process after a full GC. */
export interface MemoryUse {
  rss: number;
  heapUsed: number;
}

/** Everything one benchmark run measured. */
export interface WebhookBenchReport {
  plan: LoadPlan;
  logLevel: string;
  profiled: boolean;
  baseline: LoadResult;
  junction: LoadResult;
  memoryBefore: MemoryUse;
  memoryAfter: MemoryUse;
  /** Requests answered 200 outside the load (the probe). */
  probes: number;
  recorded: RecordedRuns;
  profile?: ProfileSummary;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const cpu = (percent: number | undefined) => (percent === undefined ? 'n/a' : `${Math.round(percent)} %`);
// CPU time per request travels better than req/s on a shared machine: it does not depend on how
// much of a core the process was given.
const perRequest = (percent: number | undefined, rps: number) =>
  percent === undefined || rps === 0 ? 'n/a' : ((percent * 10) / rps).toFixed(2);
const row = (name: string, r: LoadResult) =>
  `| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.failures} | ${cpu(r.use[0]?.cpu)} | ${perRequest(
    r.use[0]?.cpu,
    r.rps,
  )} | ${cpu(r.use[1]?.cpu)} |`;

function mainThread(name: string, use: ProcessUse | undefined): string {
  if (use?.mainRunning === undefined || use.mainWaiting === undefined) return `| ${name} | n/a | n/a | n/a |`;
  const rest = Math.max(0, 100 - use.mainRunning - use.mainWaiting);
  return `| ${name} | ${Math.round(use.mainRunning)} % | ${Math.round(use.mainWaiting)} % | ${Math.round(rest)} % |`;
}

/** Whether every request answered 200 has a succeeded run, and no run exists beyond the requests sent. */
export function runsMatch(report: WebhookBenchReport): boolean {
  const { byStatus } = report.recorded;
  const succeeded = byStatus.succeeded ?? 0;
  const other = Object.values(byStatus).reduce((sum, n) => sum + n, 0) - succeeded;
  const answered = report.junction.answered2xx + report.probes;
  return other === 0 && succeeded >= answered && succeeded <= report.junction.sent + report.probes;
}

/** The benchmark as a markdown document: the comparison table, the run accounting and the hot spots. */
export function formatReport(report: WebhookBenchReport): string {
  const { plan, baseline, junction, recorded } = report;
  const ratio = junction.rps / baseline.rps;
  const succeeded = recorded.byStatus.succeeded ?? 0;
  const total = Object.values(recorded.byStatus).reduce((sum, n) => sum + n, 0);
  const answered = junction.answered2xx + report.probes;
  const lines = [
    `### Webhook flow end to end (${plan.connections} connections, ${plan.durationSeconds} s after a ${plan.warmupSeconds} s warm-up)`,
    '',
    'webhook → signed `goods.info.get` to the sandbox (response signature checked) → map → respond.',
    '',
    '| server | req/s | p50 ms | p99 ms | failures | server CPU | server CPU ms/req | sandbox CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('hand-written node:http (keep-alive agent, no persistence)', baseline),
    row(
      `Junction (Fastify + engine, SQLite WAL, every step journaled${report.profiled ? ', **CPU-profiled**' : ''})`,
      junction,
    ),
    '',
    `**Throughput ratio Junction/baseline: ${ratio.toFixed(2)}** (target ≥ ${TARGET_RATIO}: ${
      ratio >= TARGET_RATIO ? 'met' : 'NOT met'
    }).`,
    '',
    'Main (event-loop) thread of each server during the measured phase, in % of wall time: waiting for a CPU',
    'means the machine was busy (the figures above are then lower than this code can do); blocked or idle',
    'means waiting on I/O or for work.',
    '',
    '| server | on a CPU | waiting for a CPU | blocked or idle |',
    '| --- | ---: | ---: | ---: |',
    mainThread('baseline', baseline.use[0]),
    mainThread('Junction', junction.use[0]),
    '',
    '| Junction server | |',
    '| --- | ---: |',
    `| RSS before / after the load (after a GC) | ${mib(report.memoryBefore.rss)} / ${mib(report.memoryAfter.rss)} |`,
    `| JS heap used before / after the load (after a GC) | ${mib(report.memoryBefore.heapUsed)} / ${mib(
      report.memoryAfter.heapUsed,
    )} |`,
    `| runs recorded: succeeded / other | ${succeeded} / ${total - succeeded} |`,
    `| requests answered 200 (probe + warm-up + measured) | ${answered} |`,
    `| recorded but not answered (in flight when a load phase stopped, ≤ ${plan.connections} per phase) | ${succeeded - answered} |`,
    `| journal entries (per run) | ${recorded.journalEntries} (${(recorded.journalEntries / Math.max(1, total)).toFixed(1)}) |`,
    `| SQLite file incl. WAL | ${mib(recorded.databaseBytes)} |`,
    '',
    `Every request answered 200 has a durable succeeded run, and no run is unaccounted for: ${
      runsMatch(report) ? 'yes' : '**NO**'
    }.`,
    '',
    `Node ${process.version}, ${report.logLevel}-level server logs to /dev/null, CPU in % of one core.`,
  ];
  if (report.profile) lines.push('', ...formatProfile(report.profile));
  return `${lines.join('\n')}\n`;
}

function formatProfile(profile: ProfileSummary): string[] {
  const list = (title: string, spots: ProfileSummary['self']) => [
    `| ${title} | % of busy |`,
    '| --- | ---: |',
    ...spots.map((spot) => `| \`${spot.name.replaceAll('|', '\\|')}\` | ${spot.percent.toFixed(1)} |`),
    '',
  ];
  return [
    `### Junction server CPU profile (busy ${Math.round(profile.busyMs)} ms, idle ${profile.idlePercent.toFixed(0)} %)`,
    '',
    ...list('self time by package', profile.areas),
    ...list('self time by function', profile.self),
    ...list('inclusive time by workspace file or npm package', profile.inclusive),
  ];
}
