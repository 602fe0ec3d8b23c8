import { useState } from 'react';
import type { RunRecord } from '../api/api-types.ts';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { isProduction, usePickedEnvironment } from '../environments/selected-environment.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { runStatusLabel } from '../i18n/status-labels.ts';
import { useT } from '../i18n/useT.ts';
import { type RunDetailResponse, runLink, runViewOf } from '../run/show-run.ts';
import { selectDocument } from '../store/selectors.ts';
import { RunRetryActions } from './RunRetryActions.tsx';
import { RunStepDetail } from './RunStepDetail.tsx';
import { RunStepList } from './RunStepList.tsx';
import { SaveAsTest } from './SaveAsTest.tsx';

/** Props of {@link RunsTab}. */
export interface RunsTabProps {
  /** Called after a run was put on the canvas, so the dialog can close. */
  onShown?(): void;
}

/** One stored run, shown like a test run: steps, then the picked node's detail. */
function RunDetail({
  detail,
  onShown,
  onStarted,
}: {
  detail: RunDetailResponse;
  onShown?: () => void;
  onStarted(runId: string): void;
}) {
  const i18n = useT();
  const { t } = i18n;
  const { store } = useEditor();
  const document = useEditorState(selectDocument);
  const view = runViewOf(detail);
  const [picked, setPicked] = useState<string>();
  const focusId = picked && view.nodes[picked] ? picked : view.order.at(-1);
  return (
    <section className="jx-run-history-detail" data-testid="history-run-detail">
      <div className="jx-row">
        <strong>
          {t('runsTab.run')} <code>{detail.run.id}</code>
        </strong>
        <span className={`jx-badge status-${view.status}`}>{runStatusLabel(i18n, view.status)}</span>
        <a
          className="jx-button"
          href={runLink(detail.run.flowId, detail.run.id)}
          data-testid="show-run-on-canvas"
          onClick={(event) => {
            // Same flow already open: show the statuses in place instead of reloading the editor.
            if (detail.run.flowId !== document.id) return;
            event.preventDefault();
            store.getState().setRun(view);
            store.getState().setUi({ bottomTab: 'run' });
            history.replaceState(null, '', `${runLink(detail.run.flowId, detail.run.id)}${location.hash}`);
            onShown?.();
          }}
        >
          {t('runsTab.showOnCanvas')}
        </a>
        {detail.run.flowId === document.id && <SaveAsTest flowId={detail.run.flowId} runId={detail.run.id} />}
        <RunRetryActions run={detail.run} onStarted={onStarted} />
      </div>
      <div className="jx-run">
        <RunStepList run={view} document={document} focusId={focusId} onPick={setPicked} />
        {focusId && view.nodes[focusId] ? (
          <RunStepDetail flowId={detail.run.flowId} nodeId={focusId} info={view.nodes[focusId]} />
        ) : (
          <p className="jx-muted jx-pad">{t('runsTab.noNodeRan')}</p>
        )}
      </div>
    </section>
  );
}

/** Recent runs of this flow, with status filter and each run's per-node detail. */
export function RunsTab({ onShown }: RunsTabProps) {
  const i18n = useT();
  const { t } = i18n;
  const document = useEditorState(selectDocument);
  const [status, setStatus] = useState('');
  const [key, setKey] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  // Every environment until the user picks one in the toolbar; then that environment's runs.
  const environment = usePickedEnvironment();
  const query = new URLSearchParams({
    flowId: document.id,
    limit: '50',
    ...(environment && { environment }),
    ...(status && { status }),
    ...(key.trim() && { key: key.trim() }),
  });
  const { data, error, reload } = useApiData<{ runs: RunRecord[] }>(`/api/runs?${query}`);
  const detail = useApiData<RunDetailResponse>(open ? `/api/runs/${encodeURIComponent(open)}` : null);
  return (
    <div>
      <div className="jx-row">
        <select
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          aria-label={t('runsTab.statusFilter')}
        >
          <option value="">{t('runsTab.allStatuses')}</option>
          {['running', 'waiting', 'succeeded', 'failed', 'cancelled'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <input
          type="search"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder={t('runsTab.keyFilter')}
          aria-label={t('runsTab.keyFilter')}
          data-testid="runs-key-filter"
        />
        <button type="button" className="jx-button" onClick={reload}>
          {t('runsTab.refresh')}
        </button>
      </div>
      {error && <p className="jx-error">{error}</p>}
      <table className="jx-table">
        <thead>
          <tr>
            <th>{t('runsTab.run')}</th>
            <th>{t('runsTab.status')}</th>
            <th>{t('runsTab.version')}</th>
            <th>{t('runsTab.environment')}</th>
            <th>{t('runsTab.started')}</th>
            <th>{t('runsTab.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.runs.map((r) => (
            <tr
              key={r.id}
              className={`is-clickable ${open === r.id ? 'is-active' : ''}`}
              onClick={() => setOpen(open === r.id ? null : r.id)}
              data-testid={`history-run-${r.id}`}
            >
              <td>
                <code>{r.id}</code>
                {r.test && <span className="jx-badge">{t('runsTab.test')}</span>}
              </td>
              <td>
                <span className={`jx-badge status-${r.status}`}>{runStatusLabel(i18n, r.status)}</span>
              </td>
              <td>{r.flowVersion ?? '—'}</td>
              <td>
                <span
                  className={`jx-badge ${isProduction(String(r.tags?.environment)) ? 'is-production' : ''}`}
                  data-testid="run-environment"
                >
                  {String(r.tags?.environment ?? '—')}
                </span>
              </td>
              <td>{i18n.dateTime(r.createdAt)}</td>
              <td>{r.finishedAt ? `${r.finishedAt - r.createdAt} ms` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && !data.runs.length && <p className="jx-muted">{t('runsTab.noRunsYet')}</p>}
      {open && detail.data?.run.id === open && (
        <RunDetail
          key={open}
          detail={detail.data}
          {...(onShown && { onShown })}
          onStarted={(runId) => {
            reload();
            if (runId === open) detail.reload();
            else setOpen(runId);
          }}
        />
      )}
    </div>
  );
}
