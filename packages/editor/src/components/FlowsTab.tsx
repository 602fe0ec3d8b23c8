import type { FlowSummary } from '../api/api-types.ts';
import { useEditor } from '../app/editor-context.ts';
import { openFlow, report } from '../app/flow-actions.ts';
import { randomId } from '../document/ids.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';
import { emptyDocument } from '../store/editor-store.ts';

/** Lists flows stored on the server; opens one or starts a new one. */
export function FlowsTab({ onOpened }: { onOpened(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const { store, api } = useEditor();
  const { data, error } = useApiData<{ flows: FlowSummary[] }>('/api/flows');
  const open = async (id: string) => {
    try {
      await openFlow(store, api, id);
      history.replaceState(null, '', `?flow=${encodeURIComponent(id)}`);
      onOpened();
    } catch (err) {
      report(store, err);
    }
  };
  const create = () => {
    const id = randomId('flow-');
    store.getState().load(emptyDocument(id, t('flowsTab.newFlowName')), null);
    history.replaceState(null, '', `?flow=${encodeURIComponent(id)}`);
    onOpened();
  };
  return (
    <div>
      <div className="jx-row">
        <button type="button" className="jx-button is-primary" onClick={create}>
          {t('flowsTab.newFlow')}
        </button>
      </div>
      {error && <p className="jx-error">{error}</p>}
      <table className="jx-table">
        <thead>
          <tr>
            <th>{t('flowsTab.name')}</th>
            <th>{t('flowsTab.id')}</th>
            <th>{t('flowsTab.updated')}</th>
            <th>{t('flowsTab.deployed')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.flows.map((f) => (
            <tr key={f.id} className="is-clickable" onClick={() => void open(f.id)}>
              <td>{f.name}</td>
              <td>
                <code>{f.id}</code>
              </td>
              <td>{i18n.dateTime(f.updatedAt)}</td>
              <td>
                {f.deployment
                  ? `v${f.deployment.version}${f.deployment.canary ? ` + canary v${f.deployment.canary.version} (${f.deployment.canary.percent}%)` : ''}`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && !data.flows.length && <p className="jx-muted">{t('flowsTab.noFlowsSavedYet')}</p>}
    </div>
  );
}
