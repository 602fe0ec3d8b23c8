import { translator } from '../i18n/i18n.ts';
import type { SeriesResponse, VersionRole } from './series-types.ts';

/** One line of a chart. */
export interface ChartLine {
  label: string;
  values: (number | null)[];
  color: string;
  /** Dashed (p50 next to a solid p99, errors next to calls). */
  dashed?: boolean;
}

/** One chart of the dashboard: x in epoch seconds (uPlot's unit), lines over it. */
export interface ChartSpec {
  id: 'runs' | 'calls' | 'latency' | 'callbacks';
  title: string;
  unit: string;
  x: number[];
  lines: ChartLine[];
}

/** Colours by role, so canary and main read the same in every chart. */
const ROLE_COLORS: Record<VersionRole, string[]> = {
  main: ['#2f6fde', '#5a8ee6', '#8aaeef'],
  canary: ['#e07a16', '#f0a050', '#f5c08a'],
  draft: ['#7a8294', '#9aa1b0', '#b8bdc8'],
};
const OUTCOME_COLORS = {
  matched: '#2e9e5b',
  early: '#2f6fde',
  duplicate: '#b58b00',
  late: '#8a57d1',
  rejected: '#d64545',
} as const;

/** The charts of one series answer: runs, node calls and errors, latency and callbacks, canary vs main. */
export function chartSpecs(series: SeriesResponse): ChartSpec[] {
  const x = series.buckets.map((t) => t / 1000);
  const seen: Partial<Record<VersionRole, number>> = {};
  const versions = series.versions.map((v) => {
    const index = seen[v.role] ?? 0;
    seen[v.role] = index + 1;
    const color = ROLE_COLORS[v.role][index % 3]!;
    return { ...v, color, name: v.version === null ? 'draft' : `v${v.version} ${v.role}` };
  });
  return [
    {
      id: 'runs',
      title: 'Runs — main vs canary',
      unit: 'runs',
      x,
      lines: versions.flatMap((v) => [
        { label: translator().t('chart.versionRuns', { version: v.name }), values: v.runs, color: v.color },
        {
          label: translator().t('chart.versionFailed', { version: v.name }),
          values: v.failedRuns,
          color: v.color,
          dashed: true,
        },
      ]),
    },
    {
      id: 'calls',
      title: translator().t('chart.calls'),
      unit: 'calls',
      x,
      lines: versions.flatMap((v) => [
        { label: translator().t('chart.versionCalls', { version: v.name }), values: v.calls, color: v.color },
        {
          label: translator().t('chart.versionErrors', { version: v.name }),
          values: v.errors,
          color: v.color,
          dashed: true,
        },
      ]),
    },
    {
      id: 'latency',
      title: translator().t('chart.latency'),
      unit: 'ms',
      x,
      lines: versions.flatMap((v) => [
        { label: `${v.name} p99`, values: v.p99, color: v.color },
        { label: `${v.name} p50`, values: v.p50, color: v.color, dashed: true },
      ]),
    },
    {
      id: 'callbacks',
      title: translator().t('chart.callbacks'),
      unit: 'callbacks',
      x,
      lines: (Object.keys(OUTCOME_COLORS) as Array<keyof typeof OUTCOME_COLORS>).map((outcome) => ({
        label: outcome,
        values: series.callbacks[outcome],
        color: OUTCOME_COLORS[outcome],
      })),
    },
  ];
}

/** How many points of a chart carry a value above zero (the e2e test and the empty state read it). */
export function pointsWithData(spec: ChartSpec): number {
  return spec.lines.reduce((n, line) => n + line.values.filter((v) => v !== null && v > 0).length, 0);
}
