import { describe, expect, it } from 'vitest';
import { buildSeries } from './build-series.ts';
import { LatencyBins } from './latency-bins.ts';
import { MetricSeries, type NodeSeriesLabels, STAT_WINDOWS } from './metric-series.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

function clock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const create = createOrder();
function createOrder(): NodeSeriesLabels {
  return { flow: 'orders', version: '1', role: 'main', node: 'create', type: 'http.request' };
}
const isCreate = (l: NodeSeriesLabels) => l.node === 'create';

describe('LatencyBins', () => {
  it('reports percentiles within the bins’ 2.5 % relative error', () => {
    const bins = new LatencyBins();
    for (let ms = 1; ms <= 1000; ms += 1) bins.add(ms);
    for (const [q, exact] of [
      [0.5, 500],
      [0.99, 990],
      [0.01, 10],
    ] as const) {
      const value = bins.quantile(q)!;
      expect(Math.abs(value - exact) / exact, `q=${q}`).toBeLessThan(0.025);
    }
    expect(bins.quantile(1)).toBe(1000);
    expect(new LatencyBins().quantile(0.5)).toBeNull();
  });

  it('merges like one histogram of both streams', () => {
    const fast = new LatencyBins();
    const slow = new LatencyBins();
    for (let i = 0; i < 90; i += 1) fast.add(10);
    for (let i = 0; i < 10; i += 1) slow.add(2000);
    fast.merge(slow);
    expect(fast.count).toBe(100);
    expect(fast.quantile(0.5)).toBeCloseTo(10, 0);
    expect(fast.quantile(0.95)).toBeCloseTo(2000, -2);
  });
});

describe('MetricSeries', () => {
  it('ages a slow burst out of the 5-minute p99 but keeps it in the 1-hour one', () => {
    const time = clock();
    const series = new MetricSeries({ now: time.now });
    for (let i = 0; i < 20; i += 1) series.node(create, 3000, false); // the burst
    time.advance(10 * MINUTE);
    for (let i = 0; i < 200; i += 1) series.node(create, 20, i % 50 === 0);

    const recent = series.window(isCreate, STAT_WINDOWS['5m']);
    expect(recent.calls).toBe(200);
    expect(recent.errors).toBe(4);
    expect(recent.p99).toBeLessThan(25);
    const hour = series.window(isCreate, STAT_WINDOWS['1h']);
    expect(hour.calls).toBe(220);
    expect(hour.p99).toBeGreaterThan(2900);

    time.advance(60 * MINUTE);
    expect(series.window(isCreate, STAT_WINDOWS['1h'])).toEqual({
      calls: 0,
      errors: 0,
      p50: null,
      p95: null,
      p99: null,
    });
  });

  it('keeps one-minute buckets for 24 h and drops older ones', () => {
    const time = clock();
    const series = new MetricSeries({ now: time.now });
    series.node(create, 5, false);
    time.advance(23 * 60 * MINUTE);
    series.node(create, 5, false);
    const [kept] = series.nodes.select(isCreate, 0, Number.POSITIVE_INFINITY);
    expect(kept!.cells.size).toBe(2);
    time.advance(2 * 60 * MINUTE);
    series.node(create, 5, false);
    const [after] = series.nodes.select(isCreate, 0, Number.POSITIVE_INFINITY);
    expect([...after!.cells.keys()]).toEqual([T0 + 23 * 60 * MINUTE, T0 + 25 * 60 * MINUTE]);
  });

  it('bounds the number of series', () => {
    const series = new MetricSeries({ maxSeries: 3, now: () => T0 });
    for (let i = 0; i < 5; i += 1) series.node({ ...create, node: `n${i}` }, 1, false);
    expect(series.nodes.select(() => true, 0, Number.POSITIVE_INFINITY)).toHaveLength(3);
    expect(series.nodes.dropped).toBe(2);
  });
});

describe('buildSeries', () => {
  it('lays out main and canary columns per bucket, with callbacks by outcome', () => {
    const time = clock(T0 + 30_000);
    const series = new MetricSeries({ now: time.now });
    series.node(create, 10, false);
    series.run({ flow: 'orders', version: '1', role: 'main' }, 'succeeded');
    series.callback(['orders'], 'notify', 'matched');
    time.advance(2 * MINUTE);
    series.node({ ...create, version: '2', role: 'canary' }, 40, true);
    series.run({ flow: 'orders', version: '2', role: 'canary' }, 'failed');
    series.callback(['orders', 'other'], 'notify', 'duplicate');
    series.callback(['other'], 'notify', 'early');

    const body = buildSeries(series, { flowId: 'orders', window: '5m', bucket: '1m' });
    expect(body.buckets).toHaveLength(5);
    expect(body.buckets.at(-1)).toBe(T0 + 2 * MINUTE);
    const [main, canary] = body.versions;
    expect(main).toMatchObject({ version: 1, role: 'main', calls: [0, 0, 1, 0, 0], runs: [0, 0, 1, 0, 0] });
    expect(main!.p99[2]).toBeCloseTo(10, 0);
    expect(canary).toMatchObject({
      version: 2,
      role: 'canary',
      errors: [0, 0, 0, 0, 1],
      failedRuns: [0, 0, 0, 0, 1],
    });
    expect(canary!.p50[4]).toBeCloseTo(40, 0);
    expect(body.nodes.map((n) => `${n.nodeId}@${n.version}`)).toEqual(['create@1', 'create@2']);
    expect(body.callbacks.matched).toEqual([0, 0, 1, 0, 0]);
    expect(body.callbacks.duplicate).toEqual([0, 0, 0, 0, 1]);
    expect(body.callbacks.early).toEqual([0, 0, 0, 0, 0]);

    const wide = buildSeries(series, { flowId: 'orders', window: '1h', bucket: '15m' });
    expect(wide.buckets).toHaveLength(4);
    expect(wide.versions[0]!.calls.at(-1)).toBe(1);
    expect(() => buildSeries(series, { flowId: 'orders', window: '5m', bucket: '15m' })).toThrow(
      /wider than the 5m window/,
    );
  });
});
