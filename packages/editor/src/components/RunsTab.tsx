import { useState } from 'react';
import type { RunRecord } from '../api/api-types.ts';
import { useEditorState } from '../app/editor-context.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { selectDocument } from '../store/selectors.ts';
import { JsonView } from './JsonView.tsx';

/** Recent runs of this flow, with status filter and each run's detail. */
export function RunsTab() {
  const document = useEditorState(selectDocument);
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const query = new URLSearchParams({ flowId: document.id, limit: '50', ...(status && { status }) });
  const { data, error, reload } = useApiData<{ runs: RunRecord[] }>(`/api/runs?${query}`);
  const detail = useApiData<{ run: RunRecord; nodes: unknown[] }>(
    open ? `/api/runs/${encodeURIComponent(open)}` : null,
  );
  return (
    <div>
      <div className="jx-row">
        <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Status filter">
          <option value="">All statuses</option>
          {['running', 'waiting', 'succeeded', 'failed', 'cancelled'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <button type="button" className="jx-button" onClick={reload}>
          Refresh
        </button>
      </div>
      {error && <p className="jx-error">{error}</p>}
      <table className="jx-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Status</th>
            <th>Version</th>
            <th>Started</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {data?.runs.map((r) => (
            <tr key={r.id} className="is-clickable" onClick={() => setOpen(open === r.id ? null : r.id)}>
              <td>
                <code>{r.id}</code>
                {r.test && <span className="jx-badge">test</span>}
              </td>
              <td>
                <span className={`jx-badge status-${r.status}`}>{r.status}</span>
              </td>
              <td>{r.flowVersion ?? '—'}</td>
              <td>{new Date(r.createdAt).toLocaleString()}</td>
              <td>{r.finishedAt ? `${r.finishedAt - r.createdAt} ms` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && !data.runs.length && <p className="jx-muted">No runs yet.</p>}
      {open && detail.data && <JsonView value={detail.data} openDepth={1} label="Run detail" />}
    </div>
  );
}
