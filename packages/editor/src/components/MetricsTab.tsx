import type { StatsResponse } from '../api/api-types.ts';
import { useEditorState } from '../app/editor-context.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { selectDocument } from '../store/selectors.ts';

/** A simple dashboard from `GET /api/stats`: runs by status, per-node calls, errors and latency, callbacks, recent errors. */
export function MetricsTab() {
  const document = useEditorState(selectDocument);
  const { data, error, reload } = useApiData<StatsResponse>(
    `/api/stats?flowId=${encodeURIComponent(document.id)}`,
  );
  return (
    <div className="jx-metrics">
      <div className="jx-row">
        <button type="button" className="jx-button" onClick={reload}>
          Refresh
        </button>
      </div>
      {error && <p className="jx-error">{error}</p>}
      {data && !data.flows.length && <p className="jx-muted">No runs recorded for this flow yet.</p>}
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
                <th>Node</th>
                <th>Type</th>
                <th>Calls</th>
                <th>Errors</th>
                <th>p50</th>
                <th>p95</th>
                <th>p99</th>
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
                  <td>{n.p50} ms</td>
                  <td>{n.p95} ms</td>
                  <td>{n.p99} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {data && (
        <section>
          <h3>Callbacks</h3>
          <div className="jx-cards">
            {Object.entries(data.callbacks).map(([outcome, count]) => (
              <div key={outcome} className="jx-card">
                <strong>{count}</strong>
                <span>{outcome}</span>
              </div>
            ))}
          </div>
          <h3>Recent errors</h3>
          {data.errors.length ? (
            <ul className="jx-problems">
              {data.errors.map((e) => (
                <li key={`${e.runId}-${e.at}`}>
                  <code>{e.code}</code> {e.message}{' '}
                  <span className="jx-muted">
                    run {e.runId}
                    {e.nodeId && ` · ${e.nodeId}`}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="jx-muted">No errors.</p>
          )}
        </section>
      )}
    </div>
  );
}
