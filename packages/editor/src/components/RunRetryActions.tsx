import { useState } from 'react';
import type { RunRecord } from '../api/api-types.ts';
import { useEditor } from '../app/editor-context.ts';
import { report } from '../app/flow-actions.ts';
import type { Json } from '../document/flow-types.ts';
import { useT } from '../i18n/useT.ts';
import { JsonTextField } from './JsonTextField.tsx';

/** Props of {@link RunRetryActions}. */
export interface RunRetryActionsProps {
  run: RunRecord;
  /** After a retry or replay started: the run to show (the retried one, or the new test run). */
  onStarted(runId: string): void;
}

/**
 * Retry (a failed run continues from the node that failed, nothing done twice) and replay (its
 * trigger input, or an edited one, as a test run of its version) for one stored run.
 */
export function RunRetryActions({ run, onStarted }: RunRetryActionsProps) {
  const { t } = useT();
  const { store, api } = useEditor();
  const [editing, setEditing] = useState(false);
  const [input, setInput] = useState<Json | undefined>(run.input as Json);
  const [busy, setBusy] = useState(false);
  const act = async (path: string, body: unknown, done: (answer: { runId: string }) => string) => {
    setBusy(true);
    try {
      const answer = await api.request<{ runId: string }>('POST', path, body);
      store.getState().notify('info', done(answer));
      setEditing(false);
      onStarted(answer.runId);
    } catch (error) {
      report(store, error);
    } finally {
      setBusy(false);
    }
  };
  const id = encodeURIComponent(run.id);
  const replay = (body: unknown) =>
    act(`/api/runs/${id}/replay`, body, (answer) => t('runActions.replayStarted', { runId: answer.runId }));
  return (
    <>
      {run.status === 'failed' && (
        <button
          type="button"
          className="jx-button"
          disabled={busy}
          data-testid="retry-run"
          title={t('runActions.retryHelp')}
          onClick={() =>
            void act(`/api/runs/${id}/retry`, undefined, () => t('runActions.retried', { runId: run.id }))
          }
        >
          {t('runActions.retry')}
        </button>
      )}
      <button
        type="button"
        className="jx-button"
        disabled={busy}
        data-testid="replay-run"
        title={t('runActions.replayHelp')}
        onClick={() => void replay({})}
      >
        {t('runActions.replay')}
      </button>
      <button type="button" className="jx-button" disabled={busy} onClick={() => setEditing(!editing)}>
        {t('runActions.replayEdited')}
      </button>
      {editing && (
        <div className="jx-replay-input" data-testid="replay-input">
          <JsonTextField value={input} onChange={setInput} rows={6} />
          <button
            type="button"
            className="jx-button is-primary"
            disabled={busy || input === undefined}
            onClick={() => void replay({ input })}
          >
            {t('runActions.replayWithInput')}
          </button>
        </div>
      )}
    </>
  );
}
