/** Rule kinds the server evaluates (`GET /api/alerts/rules`). */
export const ALERT_KINDS = [
  'failure-rate',
  'p99-latency',
  'callback-timeouts',
  'waiting-runs',
  'supplier-balance',
] as const;

/** A rule kind. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Notification channels. */
export const ALERT_CHANNELS = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;

/** A channel kind. */
export type AlertChannelKind = (typeof ALERT_CHANNELS)[number];

/** A rule as the server shows it (channels without URLs or secrets). */
export interface AlertRuleView {
  id: string;
  name: string;
  kind: AlertKind;
  flowId?: string;
  credentialId?: string;
  threshold: number;
  windowMs?: number;
  minRuns?: number;
  enabled: boolean;
  channels: Array<{ kind: AlertChannelKind; host: string; hasSecret: boolean }>;
}

/** One history event. */
export interface AlertEventView {
  id: number;
  ruleId: string;
  ruleName: string;
  subject: string;
  type: 'firing' | 'reminder' | 'resolved' | 'check-failed';
  value: number | null;
  threshold: number;
  at: number;
  deliveries: Array<{
    ok: boolean;
    kind: AlertChannelKind;
    host: string;
    attempts: number;
    error?: { code: string };
  }>;
  error?: { code: string; message: string };
}
