import { describe, expect, it } from 'vitest';
import { chartSpecs, pointsWithData } from './chart-specs.ts';
import type { SeriesResponse } from './series-types.ts';

const column = (...values: number[]) => values;
const SERIES: SeriesResponse = {
  flowId: 'orders',
  window: '5m',
  bucket: '1m',
  bucketMs: 60_000,
  buckets: [0, 60_000, 120_000],
  versions: [
    {
      version: 1,
      role: 'main',
      runs: column(0, 3, 1),
      failedRuns: column(0, 1, 0),
      calls: column(0, 6, 2),
      errors: column(0, 1, 0),
      p50: [null, 12, 10],
      p99: [null, 40, 11],
    },
    {
      version: 2,
      role: 'canary',
      runs: column(0, 2, 0),
      failedRuns: column(0, 0, 0),
      calls: column(0, 4, 0),
      errors: column(0, 0, 0),
      p50: [null, 30, null],
      p99: [null, 90, null],
    },
  ],
  nodes: [],
  callbacks: {
    matched: [0, 2, 0],
    early: [0, 1, 0],
    duplicate: [0, 0, 1],
    late: [0, 0, 0],
    rejected: [0, 0, 0],
  },
};

describe('chartSpecs', () => {
  it('draws main and canary side by side in each chart, x in seconds', () => {
    const [runs, calls, latency, callbacks] = chartSpecs(SERIES);
    expect(runs!.x).toEqual([0, 60, 120]);
    expect(runs!.lines.map((l) => l.label)).toEqual([
      'v1 main runs',
      'v1 main failed',
      'v2 canary runs',
      'v2 canary failed',
    ]);
    expect(calls!.lines[0]!.values).toEqual([0, 6, 2]);
    expect(latency!.lines.map((l) => [l.label, l.dashed ?? false])).toEqual([
      ['v1 main p99', false],
      ['v1 main p50', true],
      ['v2 canary p99', false],
      ['v2 canary p50', true],
    ]);
    expect(runs!.lines[0]!.color).not.toBe(runs!.lines[2]!.color);
    expect(callbacks!.lines.map((l) => l.label)).toEqual([
      'matched',
      'early',
      'duplicate',
      'late',
      'rejected',
    ]);
    expect(pointsWithData(callbacks!)).toBe(3);
  });
});
