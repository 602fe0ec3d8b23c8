import { ALERT_CHANNEL_LABELS, ALERT_EVENT_LABELS, ALERT_KIND_LABELS } from '../alerts/alert-labels.ts';
import type { AlertEventView, AlertRuleView } from '../alerts/alert-types.ts';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { report } from '../app/flow-actions.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';
import { selectDocument } from '../store/selectors.ts';
import { AlertRuleForm } from './AlertRuleForm.tsx';

/** Alert rules (list, create, delete) and the alert history with each notification's delivery. */
export function AlertsTab() {
  const i18n = useT();
  const { t } = i18n;
  const { store, api } = useEditor();
  const document = useEditorState(selectDocument);
  const rules = useApiData<{ rules: AlertRuleView[] }>('/api/alerts/rules');
  const history = useApiData<{ events: AlertEventView[] }>('/api/alerts/history?limit=50');
  const reload = () => {
    rules.reload();
    history.reload();
  };
  const remove = async (rule: AlertRuleView) => {
    try {
      await api.request('DELETE', `/api/alerts/rules/${encodeURIComponent(rule.id)}`);
      store.getState().notify('info', t('alertsTab.deleted', { name: rule.name }));
      reload();
    } catch (error) {
      report(store, error);
    }
  };
  const evaluate = async () => {
    try {
      const { events } = await api.request<{ events: AlertEventView[] }>('POST', '/api/alerts/evaluate');
      store.getState().notify('info', t('alertsTab.evaluated', { count: events.length }));
      reload();
    } catch (error) {
      report(store, error);
    }
  };
  const shown = (value: number | null) =>
    value === null ? '–' : i18n.number(value, { maximumFractionDigits: 2 });
  return (
    <div data-testid="alerts-tab">
      {(rules.error || history.error) && <p className="jx-error">{rules.error ?? history.error}</p>}
      <h3>{t('alertsTab.rules')}</h3>
      {rules.data?.rules.length === 0 && <p className="jx-muted">{t('alertsTab.noRules')}</p>}
      {Boolean(rules.data?.rules.length) && (
        <table className="jx-table" data-testid="alert-rules">
          <thead>
            <tr>
              <th>{t('alertsTab.name')}</th>
              <th>{t('alertsTab.kind')}</th>
              <th>{t('alertsTab.subject')}</th>
              <th>{t('alertsTab.channels')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.data?.rules.map((rule) => (
              <tr key={rule.id}>
                <td>{rule.name}</td>
                <td>
                  {t(ALERT_KIND_LABELS[rule.kind])} {shown(rule.threshold)}
                </td>
                <td>{rule.credentialId ?? rule.flowId ?? t('alertsTab.allFlows')}</td>
                <td>
                  {rule.channels.map((c) => `${t(ALERT_CHANNEL_LABELS[c.kind])} (${c.host})`).join(', ')}
                </td>
                <td>
                  <button type="button" className="jx-button" onClick={() => void remove(rule)}>
                    {t('alertsTab.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AlertRuleForm flowId={document.id} onCreated={reload} />
      <div className="jx-row">
        <h3>{t('alertsTab.history')}</h3>
        <button type="button" className="jx-button" onClick={() => void evaluate()}>
          {t('alertsTab.evaluateNow')}
        </button>
      </div>
      {history.data?.events.length === 0 && <p className="jx-muted">{t('alertsTab.noEvents')}</p>}
      {Boolean(history.data?.events.length) && (
        <table className="jx-table" data-testid="alert-history">
          <thead>
            <tr>
              <th>{t('alertsTab.time')}</th>
              <th>{t('alertsTab.rule')}</th>
              <th>{t('alertsTab.event')}</th>
              <th>{t('alertsTab.value')}</th>
              <th>{t('alertsTab.delivery')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data?.events.map((event) => (
              <tr key={event.id}>
                <td>{i18n.dateTime(event.at)}</td>
                <td>
                  {event.ruleName} · {event.subject}
                </td>
                <td>{t(ALERT_EVENT_LABELS[event.type])}</td>
                <td>
                  {shown(event.value)} / {shown(event.threshold)}
                </td>
                <td title={event.error?.message}>
                  {event.error
                    ? event.error.code
                    : t('alertsTab.delivered', {
                        ok: event.deliveries.filter((d) => d.ok).length,
                        total: event.deliveries.length,
                      })}
                  {event.deliveries
                    .filter((d) => !d.ok)
                    .map((d) => ` ${t(ALERT_CHANNEL_LABELS[d.kind])}: ${d.error?.code ?? ''}`)
                    .join('')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
