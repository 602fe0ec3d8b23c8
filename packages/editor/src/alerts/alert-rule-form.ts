import type { MessageKey } from '../i18n/translator.ts';
import type { AlertChannelKind, AlertKind } from './alert-types.ts';

/** What the new-rule form holds (strings, as typed). */
export interface AlertFormValues {
  name: string;
  kind: AlertKind;
  /** True: only the open flow; false: every flow. */
  thisFlow: boolean;
  threshold: string;
  windowMinutes: string;
  minRuns: string;
  credentialId: string;
  channelKind: AlertChannelKind;
  channelUrl: string;
  channelSecret: string;
}

/** An empty form. */
export const EMPTY_ALERT_FORM: AlertFormValues = {
  name: '',
  kind: 'failure-rate',
  thisFlow: true,
  threshold: '',
  windowMinutes: '15',
  minRuns: '10',
  credentialId: '',
  channelKind: 'wecom',
  channelUrl: '',
  channelSecret: '',
};

/** A field's problem, as a catalogue key. */
export interface AlertFormProblem {
  field: keyof AlertFormValues;
  key: MessageKey;
}

const WINDOWED: readonly AlertKind[] = ['failure-rate', 'p99-latency', 'callback-timeouts'];

/** True when the kind has a time window. */
export const isWindowed = (kind: AlertKind) => WINDOWED.includes(kind);

/** True when the kind judges only after a number of finished runs. */
export const hasMinRuns = (kind: AlertKind) => kind === 'failure-rate' || kind === 'p99-latency';

/** Problems the form can see before sending (the server checks the rest, e.g. robot hosts). */
export function alertFormProblems(values: AlertFormValues): AlertFormProblem[] {
  const problems: AlertFormProblem[] = [];
  if (!values.name.trim()) problems.push({ field: 'name', key: 'alertsTab.nameRequired' });
  if (values.threshold.trim() === '' || !Number.isFinite(Number(values.threshold))) {
    problems.push({ field: 'threshold', key: 'alertsTab.thresholdRequired' });
  }
  if (values.kind === 'supplier-balance' && !values.credentialId) {
    problems.push({ field: 'credentialId', key: 'alertsTab.credentialRequired' });
  }
  if (!/^https?:\/\//.test(values.channelUrl.trim()))
    problems.push({ field: 'channelUrl', key: 'alertsTab.urlRequired' });
  return problems;
}

/** The `POST /api/alerts/rules` body of a valid form, for the open flow `flowId`. */
export function alertRuleRequest(values: AlertFormValues, flowId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: values.name.trim(),
    kind: values.kind,
    threshold: Number(values.threshold),
    channels: [
      {
        kind: values.channelKind,
        url: values.channelUrl.trim(),
        ...(values.channelSecret ? { secret: values.channelSecret } : {}),
      },
    ],
  };
  if (values.kind === 'supplier-balance') body.credentialId = values.credentialId;
  else if (values.thisFlow) body.flowId = flowId;
  if (isWindowed(values.kind) && values.windowMinutes)
    body.windowMs = Math.round(Number(values.windowMinutes) * 60_000);
  if (hasMinRuns(values.kind) && values.minRuns) body.minRuns = Number(values.minRuns);
  return body;
}
