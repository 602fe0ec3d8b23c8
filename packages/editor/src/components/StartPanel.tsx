import type { FlowSummary } from '../api/api-types.ts';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { openFlow, report } from '../app/flow-actions.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';
import { selectNotFound } from '../store/selectors.ts';

/**
 * What an empty new flow shows in the middle of the canvas: the flows already on the server (a
 * newcomer's first click is usually "open the example"), and how to start from scratch instead.
 * When `?flow=` named a flow the server does not have, it says so first and offers to create it.
 */
export function StartPanel() {
  const { t } = useT();
  const { store, api } = useEditor();
  const notFound = useEditorState(selectNotFound);
  const { data, error } = useApiData<{ flows: FlowSummary[] }>('/api/flows');
  const open = async (id: string) => {
    try {
      await openFlow(store, api, id);
      history.replaceState(null, '', `?flow=${encodeURIComponent(id)}${location.hash}`);
    } catch (err) {
      report(store, err);
    }
  };
  const flows = data?.flows ?? [];
  return (
    <div className="jx-start nokey" data-testid="start-panel">
      {notFound && (
        <div className="jx-not-found" role="alert" data-testid="flow-not-found">
          <h2>
            {t('startPanel.flow')} <code>{notFound}</code> {t('startPanel.notFound')}
          </h2>
          <p className="jx-muted">{t('startPanel.theServerHasNo')}</p>
          <button
            type="button"
            className="jx-button is-primary"
            data-testid="create-missing-flow"
            onClick={() => {
              store.getState().setNotFound(null);
              store
                .getState()
                .dispatch([{ kind: 'updateFlow', patch: { name: notFound } }], t('startPanel.undoName'));
            }}
          >
            {t('startPanel.create')}
            {notFound}”
          </button>
        </div>
      )}
      {flows.length > 0 && (
        <>
          <h2>{t('startPanel.openAFlow')}</h2>
          <ul className="jx-start-flows">
            {flows.map((f) => (
              <li key={f.id}>
                <button type="button" onClick={() => void open(f.id)} data-testid={`open-flow-${f.id}`}>
                  <strong>{f.name}</strong>
                  <span className="jx-muted">
                    <code>{f.id}</code>
                    {f.deployment ? ` · deployed v${f.deployment.version}` : ' · not deployed'}
                  </span>
                  {f.description && <small>{f.description}</small>}
                </button>
              </li>
            ))}
          </ul>
          <p className="jx-muted">{t('startPanel.orStartThisNew')}</p>
        </>
      )}
      {!flows.length && (
        <p className="jx-muted">
          {data || error ? t('startPanel.dragToStart') : t('startPanel.loadingFlows')}
        </p>
      )}
    </div>
  );
}
