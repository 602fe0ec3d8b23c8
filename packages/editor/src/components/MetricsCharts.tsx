import { useMemo, useState } from 'react';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';
import { chartSpecs } from '../metrics/chart-specs.ts';
import type { SeriesResponse } from '../metrics/series-types.ts';
import { TimeChart } from './TimeChart.tsx';

/** Window choices: each with a bucket width that keeps a chart under ~100 points. */
const RANGES = [
  { label: 'metricsCharts.lastHour', window: '1h', bucket: '1m' },
  { label: 'metricsCharts.last6Hours', window: '6h', bucket: '5m' },
  { label: 'metricsCharts.last24Hours', window: '24h', bucket: '15m' },
] as const;

/**
 * The dashboard's charts from `GET /api/stats/series`: runs, node calls and errors, latency p50/p99
 * and callbacks by outcome over time, canary next to main. Loaded lazily with uPlot (its own chunk).
 */
export function MetricsCharts({ flowId, refresh }: { flowId: string; refresh: number }) {
  const { t } = useT();
  const [range, setRange] = useState<(typeof RANGES)[number]>(RANGES[0]);
  const path = `/api/stats/series?flowId=${encodeURIComponent(flowId)}&window=${range.window}&bucket=${range.bucket}&r=${refresh}`;
  const { data, error } = useApiData<SeriesResponse>(path);
  const specs = useMemo(() => (data ? chartSpecs(data) : []), [data]);
  return (
    <section className="jx-charts" data-testid="metrics-charts">
      <div className="jx-row">
        <select
          aria-label={t('metricsCharts.chartRange')}
          value={range.window}
          onChange={(e) => setRange(RANGES.find((r) => r.window === e.target.value) ?? RANGES[0])}
        >
          {RANGES.map((r) => (
            <option key={r.window} value={r.window}>
              {t(r.label)}
            </option>
          ))}
        </select>
        <span className="jx-muted">
          {range.bucket} {t('metricsCharts.bucketsKept24H')}
        </span>
      </div>
      {error && <p className="jx-error">{error}</p>}
      {data && !data.versions.length && <p className="jx-muted">{t('metricsCharts.nothingRanInThis')}</p>}
      <div className="jx-chart-grid">
        {specs.map((spec) => (
          <TimeChart key={spec.id} spec={spec} />
        ))}
      </div>
    </section>
  );
}
