import type { ChaosResult } from './chaos-run.ts';

function entries(record: Record<string, number>): string {
  const parts = Object.entries(record).map(([key, value]) => `${key}: ${value}`);
  return parts.length > 0 ? parts.join(', ') : '0';
}

/** The figures of chaos runs as a Markdown table, one column per run. */
export function figuresTable(results: ChaosResult[]): string {
  const rows: [string, (r: ChaosResult) => string | number][] = [
    [
      'orders (accepted / unanswered)',
      (r) => `${r.figures.orders} (${r.figures.accepted} / ${r.figures.unanswered})`,
    ],
    ['orders posted twice', (r) => r.figures.duplicatesPosted],
    ['kills', (r) => entries(r.figures.kills)],
    ['infrastructure faults', (r) => entries(r.figures.faults)],
    ['stuck runs', (r) => r.figures.stuck],
    ['unfinished after settle', (r) => `${r.figures.unfinished} (settle ${Math.round(r.settleMs / 1000)} s)`],
    ['lost orders', (r) => r.figures.lost],
    ['doubled orders', (r) => r.figures.doubled],
    ['self-exits', (r) => r.figures.selfExits],
    ['replay mismatches', (r) => r.figures.replayMismatches],
    ['5xx by code', (r) => entries(r.figures.fiveXxByCode)],
    ['bad answers (500, 503 with a worker up, uncoded)', (r) => r.figures.badAnswers],
    ['callbacks unacknowledged / late', (r) => `${r.figures.unacknowledged} / ${r.figures.lateAcks}`],
    ['callback ack p50 / p99', (r) => `${r.figures.ackP50Ms} / ${r.figures.ackP99Ms} ms`],
    ['violations', (r) => r.violations.length],
  ];
  const header = `| figure | ${results.map((r) => r.name).join(' | ')} |`;
  const rule = `| --- | ${results.map(() => '---').join(' | ')} |`;
  const body = rows.map(([label, cell]) => `| ${label} | ${results.map(cell).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

/** The violations of a run, grouped by invariant, at most `limit` lines each. */
export function violationReport(result: ChaosResult, limit = 15): string {
  const byInvariant = new Map<string, string[]>();
  for (const v of result.violations)
    byInvariant.set(v.invariant, [...(byInvariant.get(v.invariant) ?? []), v.detail]);
  return [...byInvariant]
    .map(([invariant, details]) => {
      const shown = details.slice(0, limit).map((d) => `  - ${d}`);
      const more = details.length > limit ? [`  … and ${details.length - limit} more`] : [];
      return [`${result.name} · ${invariant}: ${details.length}`, ...shown, ...more].join('\n');
    })
    .join('\n');
}
