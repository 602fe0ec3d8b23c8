import { lazy, Suspense, useState } from 'react';
import type { StatsResponse } from '../api/api-types.ts';
import { useEditorState } from '../app/editor-context.ts';
import { PRODUCTION_ENVIRONMENT, usePickedEnvironment } from '../environments/selected-environment.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';
import { selectDocument } from '../store/selectors.ts';
import { CanaryReportPanel } from './CanaryReportPanel.tsx';

// uPlot and the charts are a chunk of their own, loaded when this tab opens (not in the initial JS).
const MetricsCharts = lazy(() => import('./MetricsCharts.tsx').then((m) => ({ default: m.MetricsCharts })));

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value} ms`;

/**
 * The dashboard: charts over time (lazy, from `GET /api/stats/series`), then `GET /api/stats` — runs
 * by status, per-node calls, errors and latency (last 5 min, last hour, since start), callbacks, errors.
 */
export function MetricsTab() {
  const { t } = useT();
  const document = useEditorState(selectDocument);
  const environment = usePickedEnvironment() ?? PRODUCTION_ENVIRONMENT;
  const [refresh, setRefresh] = useState(0);
  const { data, error, reload } = useApiData<StatsResponse>(
    `/api/stats?flowId=${encodeURIComponent(document.id)}&r=${refresh}`,
  );
  return (
    <div className="jx-metrics">
      <div className="jx-row">
        <button
          type="button"
          className="jx-button"
          onClick={() => {
            setRefresh((n) => n + 1);
            reload();
          }}
        >
          {t('metricsTab.refresh')}
        </button>
      </div>
      <Suspense fallback={<p className="jx-muted">{t('metricsTab.loadingCharts')}</p>}>
        <MetricsCharts flowId={document.id} refresh={refresh} />
      </Suspense>
      {error && <p className="jx-error">{error}</p>}
      {data && !data.flows.length && <p className="jx-muted">{t('metricsTab.noRunsRecordedFor')}</p>}
      {data?.flows.map((f) => (
        <section key={`${f.flowId}@${f.version}`}>
          <h3>
            {f.flowId} {f.version !== null ? `v${f.version}` : '(test / unversioned)'}
          </h3>
          <div className="jx-cards">
            {Object.entries(f.runs).map(([status, count]) => (
              <div key={status} className={`jx-card status-${status}`}>
                <strong>{count}</strong>
                <span>{status}</span>
              </div>
            ))}
          </div>
          <table className="jx-table">
            <thead>
              <tr>
                <th>{t('metricsTab.node')}</th>
                <th>{t('metricsTab.type')}</th>
                <th>{t('metricsTab.calls')}</th>
                <th>{t('metricsTab.errors')}</th>
                <th title={t('metricsTab.last5Minutes')}>p50 5m</th>
                <th title={t('metricsTab.last5Minutes')}>p99 5m</th>
                <th title={t('metricsTab.lastHour')}>p99 1h</th>
                <th title={t('metricsTab.sinceTheServerStarted')}>{t('metricsTab.p99All')}</th>
              </tr>
            </thead>
            <tbody>
              {f.nodes.map((n) => (
                <tr key={n.nodeId}>
                  <td>{n.nodeId}</td>
                  <td>
                    <code>{n.type}</code>
                  </td>
                  <td>{n.calls}</td>
                  <td className={n.errors ? 'jx-error' : ''}>{n.errors}</td>
                  <td>{ms(n.windows?.['5m'].p50)}</td>
                  <td>{ms(n.windows?.['5m'].p99)}</td>
                  <td>{ms(n.windows?.['1h'].p99)}</td>
                  <td>{ms(n.p99)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {data && (
        <section>
          <h3>{t('metricsTab.callbacks')}</h3>
          <div className="jx-cards">
            {Object.entries(data.callbacks).map(([outcome, count]) => (
              <div key={outcome} className="jx-card">
                <strong>{count}</strong>
                <span>{outcome}</span>
              </div>
            ))}
          </div>
          <h3>{t('metricsTab.recentErrors')}</h3>
          {data.errors.length ? (
            <ul className="jx-problems">
              {data.errors.map((e) => (
                <li key={`${e.runId}-${e.at}`}>
                  <code>{e.code}</code> {e.message}{' '}
                  <span className="jx-muted">
                    {t('metricsTab.run')} {e.runId}
                    {e.nodeId && ` · ${e.nodeId}`}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="jx-muted">{t('metricsTab.noErrors')}</p>
          )}
        </section>
      )}
      <CanaryReportPanel key={`${environment}-${refresh}`} flowId={document.id} environment={environment} />
    </div>
  );
}
