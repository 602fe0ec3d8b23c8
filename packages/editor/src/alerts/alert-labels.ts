import type { MessageKey } from '../i18n/translator.ts';
import type { AlertChannelKind, AlertEventView, AlertKind } from './alert-types.ts';

/** Catalogue keys of the rule kinds. */
export const ALERT_KIND_LABELS: Record<AlertKind, MessageKey> = {
  'failure-rate': 'alertsTab.kindFailureRate',
  'p99-latency': 'alertsTab.kindP99Latency',
  'callback-timeouts': 'alertsTab.kindCallbackTimeouts',
  'waiting-runs': 'alertsTab.kindWaitingRuns',
  'supplier-balance': 'alertsTab.kindSupplierBalance',
};

/** Catalogue keys of the channel kinds. */
export const ALERT_CHANNEL_LABELS: Record<AlertChannelKind, MessageKey> = {
  wecom: 'alertsTab.channelWecom',
  dingtalk: 'alertsTab.channelDingtalk',
  feishu: 'alertsTab.channelFeishu',
  webhook: 'alertsTab.channelWebhook',
};

/** Catalogue keys of the history event types. */
export const ALERT_EVENT_LABELS: Record<AlertEventView['type'], MessageKey> = {
  firing: 'alertsTab.eventFiring',
  reminder: 'alertsTab.eventReminder',
  resolved: 'alertsTab.eventResolved',
  'check-failed': 'alertsTab.eventCheckFailed',
};
