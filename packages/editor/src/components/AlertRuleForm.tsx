import { useMemo, useState } from 'react';
import { ALERT_CHANNEL_LABELS, ALERT_KIND_LABELS } from '../alerts/alert-labels.ts';
import {
  type AlertFormValues,
  alertFormProblems,
  alertRuleRequest,
  EMPTY_ALERT_FORM,
  hasMinRuns,
  isWindowed,
} from '../alerts/alert-rule-form.ts';
import { ALERT_CHANNELS, ALERT_KINDS } from '../alerts/alert-types.ts';
import type { CredentialSummary } from '../api/api-types.ts';
import { useEditor } from '../app/editor-context.ts';
import { report } from '../app/flow-actions.ts';
import { useApiData } from '../hooks/useApiData.ts';
import { useT } from '../i18n/useT.ts';

/** The new-rule form of the Alerts tab: condition, scope, threshold, one channel. */
export function AlertRuleForm({ flowId, onCreated }: { flowId: string; onCreated(): void }) {
  const { t } = useT();
  const { store, api } = useEditor();
  const [values, setValues] = useState<AlertFormValues>(EMPTY_ALERT_FORM);
  const [tried, setTried] = useState(false);
  const problems = useMemo(() => alertFormProblems(values), [values]);
  const credentials = useApiData<{ credentials: CredentialSummary[] }>(
    values.kind === 'supplier-balance' ? '/api/credentials' : null,
  );
  const set = (field: keyof AlertFormValues) => (e: { target: { value: string } }) =>
    setValues({ ...values, [field]: e.target.value });
  const errorOf = (field: keyof AlertFormValues) => {
    const problem = tried ? problems.find((p) => p.field === field) : undefined;
    return problem ? (
      <p className="jx-error" role="alert" data-testid={`alert-${field}-error`}>
        {t(problem.key)}
      </p>
    ) : null;
  };
  const submit = async () => {
    setTried(true);
    if (problems.length) return;
    try {
      await api.request('POST', '/api/alerts/rules', alertRuleRequest(values, flowId));
      store.getState().notify('info', t('alertsTab.created', { name: values.name.trim() }));
      setValues(EMPTY_ALERT_FORM);
      setTried(false);
      onCreated();
    } catch (error) {
      report(store, error);
    }
  };
  return (
    <fieldset className="jx-form" data-testid="alert-rule-form">
      <legend>{t('alertsTab.newRule')}</legend>
      <label className="jx-field">
        <span>{t('alertsTab.name')}</span>
        <input value={values.name} onChange={set('name')} aria-label={t('alertsTab.name')} />
      </label>
      {errorOf('name')}
      <div className="jx-row">
        <select value={values.kind} onChange={set('kind')} aria-label={t('alertsTab.kind')}>
          {ALERT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(ALERT_KIND_LABELS[kind])}
            </option>
          ))}
        </select>
        <input
          value={values.threshold}
          onChange={set('threshold')}
          type="number"
          aria-label={t('alertsTab.threshold')}
          placeholder={t('alertsTab.threshold')}
        />
      </div>
      {errorOf('threshold')}
      {values.kind === 'supplier-balance' ? (
        <label className="jx-field">
          <span>{t('alertsTab.credential')}</span>
          <select
            value={values.credentialId}
            onChange={set('credentialId')}
            aria-label={t('alertsTab.credential')}
          >
            <option value="" />
            {credentials.data?.credentials
              .filter((c) => c.kind === 'card-platform')
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </label>
      ) : (
        <label className="jx-row">
          <input
            type="checkbox"
            checked={values.thisFlow}
            onChange={(e) => setValues({ ...values, thisFlow: e.target.checked })}
          />
          <span>
            {values.thisFlow ? t('alertsTab.thisFlowOnly', { flow: flowId }) : t('alertsTab.allFlows')}
          </span>
        </label>
      )}
      {errorOf('credentialId')}
      {(isWindowed(values.kind) || hasMinRuns(values.kind)) && (
        <div className="jx-row">
          {isWindowed(values.kind) && (
            <label className="jx-field">
              <span>{t('alertsTab.windowMinutes')}</span>
              <input value={values.windowMinutes} onChange={set('windowMinutes')} type="number" min={1} />
            </label>
          )}
          {hasMinRuns(values.kind) && (
            <label className="jx-field">
              <span>{t('alertsTab.minRuns')}</span>
              <input value={values.minRuns} onChange={set('minRuns')} type="number" min={1} />
            </label>
          )}
        </div>
      )}
      <div className="jx-row">
        <select
          value={values.channelKind}
          onChange={set('channelKind')}
          aria-label={t('alertsTab.channelKind')}
        >
          {ALERT_CHANNELS.map((kind) => (
            <option key={kind} value={kind}>
              {t(ALERT_CHANNEL_LABELS[kind])}
            </option>
          ))}
        </select>
        <input
          value={values.channelUrl}
          onChange={set('channelUrl')}
          aria-label={t('alertsTab.channelUrl')}
          placeholder={t('alertsTab.channelUrl')}
        />
        <input
          value={values.channelSecret}
          onChange={set('channelSecret')}
          type="password"
          autoComplete="off"
          aria-label={t('alertsTab.channelSecret')}
          placeholder={t('alertsTab.channelSecret')}
        />
      </div>
      {errorOf('channelUrl')}
      <p className="jx-help">{t('alertsTab.channelHelp')}</p>
      <div className="jx-row">
        <button type="button" className="jx-button is-primary" onClick={() => void submit()}>
          {t('alertsTab.create')}
        </button>
      </div>
    </fieldset>
  );
}
