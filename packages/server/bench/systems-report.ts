import type { JournalUsage } from './journal-usage.ts';
import type { LoadPlan, LoadResult } from './run-load.ts';

/** The systems measured side by side, in the order each round loads them. */
export type SystemName = 'bare' | 'node-red' | 'junction';

/** One round: each system that ran, loaded one after the other. */
export type SystemsRound = Partial<Record<SystemName, LoadResult>>;

/** Everything the three-way benchmark measured. */
export interface SystemsReport {
  plan: LoadPlan;
  rounds: SystemsRound[];
  /** Node-RED version, or why it was left out. */
  nodeRed: { version: string } | { skipped: string };
  /** Journal growth over all Junction rounds (read before and after each). */
  journal?: { runs: number; rows: number; bodyBytes: number };
  /** Run accounting read from the SQLite file after the Junction server closed. */
  accounting: { succeeded: number; other: number; answered: number; sent: number; ok: boolean };
}

const LABEL: Record<SystemName, string> = {
  bare: 'bare node:http',
  'node-red': 'Node-RED',
  junction: 'Junction',
};

const cpuMs = (r: LoadResult) =>
  r.use[0]?.cpu === undefined || r.rps === 0 ? undefined : (r.use[0].cpu * 10) / r.rps;
const fixed = (n: number | undefined, digits = 2) => (n === undefined ? 'n/a' : n.toFixed(digits));

/** The median of the numbers given (undefined for none). */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function ratios(
  rounds: SystemsRound[],
  pick: (r: LoadResult) => number,
  top: SystemName,
  bottom: SystemName,
) {
  return rounds.flatMap((round) => {
    const a = round[top];
    const b = round[bottom];
    return a && b && pick(b) > 0 ? [pick(a) / pick(b)] : [];
  });
}

/** Adds one journal reading's growth to the running total. */
export function addGrowth(total: JournalUsage | undefined, before?: JournalUsage, after?: JournalUsage) {
  if (!before || !after) return total;
  const sum = total ?? { runs: 0, rows: 0, bodyBytes: 0 };
  return {
    runs: sum.runs + after.runs - before.runs,
    rows: sum.rows + after.rows - before.rows,
    bodyBytes: sum.bodyBytes + after.bodyBytes - before.bodyBytes,
  };
}

/** The three-way benchmark as markdown: every round, then the medians of the ratios. */
export function formatSystemsReport(report: SystemsReport): string {
  const { plan, rounds } = report;
  const lines = [
    `### Bare node:http, Node-RED and Junction, alternated (${rounds.length} rounds, ${plan.connections} connections, ${plan.durationSeconds} s each after a ${plan.warmupSeconds} s warm-up)`,
    '',
    'Same flow everywhere: webhook → signed `goods.info.get` to the same sandbox → map → respond.',
    'nodeRed' in report && 'skipped' in report.nodeRed
      ? `Node-RED left out: ${report.nodeRed.skipped}`
      : `Node-RED ${(report.nodeRed as { version: string }).version} (function nodes, keep-alive http request, no persistence, warn logs).`,
    '',
    '| round | system | req/s | p50 ms | p99 ms | failures | server CPU ms/req |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  rounds.forEach((round, index) => {
    for (const name of ['bare', 'node-red', 'junction'] as const) {
      const r = round[name];
      if (r) {
        lines.push(
          `| ${index + 1} | ${LABEL[name]} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.failures} | ${fixed(cpuMs(r))} |`,
        );
      }
    }
  });
  const rps = (r: LoadResult) => r.rps;
  const p99 = (r: LoadResult) => r.p99;
  const cpu = (r: LoadResult) => cpuMs(r) ?? 0;
  const pairs: [SystemName, SystemName][] = [
    ['junction', 'bare'],
    ['node-red', 'bare'],
    ['junction', 'node-red'],
  ];
  lines.push(
    '',
    '| median of the per-round ratios | req/s | p99 | server CPU per request |',
    '| --- | ---: | ---: | ---: |',
    ...pairs.map(
      ([a, b]) =>
        `| ${LABEL[a]} / ${LABEL[b]} | ${fixed(median(ratios(rounds, rps, a, b)))} | ${fixed(
          median(ratios(rounds, p99, a, b)),
        )} | ${fixed(median(ratios(rounds, cpu, a, b)))} |`,
    ),
    '',
  );
  const { journal, accounting } = report;
  if (journal && journal.runs > 0) {
    lines.push(
      `Junction journal per run of this flow: ${(journal.rows / journal.runs).toFixed(1)} rows, ${Math.round(
        journal.bodyBytes / journal.runs,
      )} bytes of entry bodies (${journal.runs} runs counted).`,
      '',
    );
  }
  lines.push(
    `Every Junction answer has a succeeded run (${accounting.succeeded} succeeded, ${accounting.other} other, ${accounting.answered} answered 200, ${accounting.sent} sent): ${
      accounting.ok ? 'yes' : '**NO**'
    }.`,
    '',
    `Node ${process.version}; CPU from /proc. Speed is reported, never asserted.`,
  );
  return `${lines.join('\n')}\n`;
}
