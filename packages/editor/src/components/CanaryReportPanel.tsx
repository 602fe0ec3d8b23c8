import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';

/** One side of `GET /api/flows/:id/canary-report`. */
interface VersionFigures {
  version: number;
  role: 'main' | 'canary';
  runs: number;
  finished: number;
  successRate: number | null;
  latency: { p50: number | null; p99: number | null };
  callbackDelay: { count: number; p50: number | null; p99: number | null };
  errors: { code: string; supplierCode?: number; count: number }[];
}

interface CanaryReportResponse {
  report: { main: VersionFigures; canary?: VersionFigures; failureRateDeltaPoints: number | null };
}

const ms = (value: number | null) => (value === null ? '—' : `${value} ms`);
const percent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`);

/** Main and canary side by side in one environment: runs, success rate, latency, callback delay, errors. */
export function CanaryReportPanel({ flowId, environment }: { flowId: string; environment: string }) {
  const { t } = useT();
  const query = new URLSearchParams({ environment });
  const { data, error } = useApiData<CanaryReportResponse>(
    `/api/flows/${encodeURIComponent(flowId)}/canary-report?${query}`,
  );
  if (error) return <p className="jx-muted">{t('canaryReport.notDeployed', { environment })}</p>;
  if (!data) return null;
  const sides = [data.report.main, ...(data.report.canary ? [data.report.canary] : [])];
  return (
    <section data-testid="canary-report">
      <h3>{t('canaryReport.title', { environment })}</h3>
      <table className="jx-table">
        <thead>
          <tr>
            <th />
            {sides.map((side) => (
              <th key={side.role}>
                {side.role === 'main' ? t('canaryReport.main') : t('canaryReport.canary')} v{side.version}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{t('canaryReport.runs')}</th>
            {sides.map((s) => (
              <td key={s.role}>{s.runs}</td>
            ))}
          </tr>
          <tr>
            <th>{t('canaryReport.successRate')}</th>
            {sides.map((s) => (
              <td key={s.role} data-testid={`canary-report-success-${s.role}`}>
                {percent(s.successRate)}
              </td>
            ))}
          </tr>
          <tr>
            <th>{t('canaryReport.latency')}</th>
            {sides.map((s) => (
              <td key={s.role}>
                {ms(s.latency.p50)} / {ms(s.latency.p99)}
              </td>
            ))}
          </tr>
          <tr>
            <th>{t('canaryReport.callbackDelay')}</th>
            {sides.map((s) => (
              <td key={s.role}>
                {ms(s.callbackDelay.p50)} / {ms(s.callbackDelay.p99)}
              </td>
            ))}
          </tr>
          <tr>
            <th>{t('canaryReport.errors')}</th>
            {sides.map((s) => (
              <td key={s.role}>
                {s.errors.length
                  ? s.errors
                      .map(
                        (e) =>
                          `${e.code}${e.supplierCode !== undefined ? ` (${e.supplierCode})` : ''} ×${e.count}`,
                      )
                      .join(', ')
                  : '—'}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {data.report.failureRateDeltaPoints !== null && (
        <p className="jx-muted">
          {t('canaryReport.delta', { points: data.report.failureRateDeltaPoints.toFixed(1) })}
        </p>
      )}
    </section>
  );
}
