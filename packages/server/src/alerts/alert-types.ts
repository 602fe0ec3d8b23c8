/** What a rule watches. Flow kinds watch one flow (or every flow); `supplier-balance` watches a credential. */
export const RULE_KINDS = [
  'failure-rate',
  'p99-latency',
  'callback-timeouts',
  'waiting-runs',
  'supplier-balance',
] as const;

/** A rule kind. */
export type RuleKind = (typeof RULE_KINDS)[number];

/** Where notifications go: a generic JSON webhook or one of the group robots merchants use in China. */
export const CHANNEL_KINDS = ['webhook', 'wecom', 'dingtalk', 'feishu'] as const;

/** A channel kind. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Languages of notification texts. */
export type AlertLocale = 'en' | 'zh-CN';

/** A channel as written to the API: the URL and secret are write-only (sealed at rest). */
export interface ChannelInput {
  kind: ChannelKind;
  /** The robot's webhook URL (it carries the robot's key or token) or the generic webhook's URL. */
  url: string;
  /** DingTalk/Feishu signing secret, or the generic webhook's HMAC key. */
  secret?: string;
  /** Message style: `markdown` (WeCom/DingTalk markdown, Feishu post) or plain `text`. Default markdown. */
  format?: 'text' | 'markdown';
  /** Language of the texts; default zh-CN for the Chinese robots, en for the generic webhook. */
  locale?: AlertLocale;
}

/** A channel as the API shows it: never its URL path, query or secret. */
export interface ChannelView {
  kind: ChannelKind;
  host: string;
  hasSecret: boolean;
  format: 'text' | 'markdown';
  locale: AlertLocale;
}

/** The fields of a rule both the API and the evaluator read. */
export interface RuleSpec {
  name: string;
  kind: RuleKind;
  /** The flow watched; absent: every flow (each notified on its own). Not used by `supplier-balance`. */
  flowId?: string;
  /**
   * Fires above this (failure rate in %, p99 in ms, timeouts counted, waiting runs counted) or, for
   * `supplier-balance`, below it (in the supplier's currency).
   */
  threshold: number;
  /**
   * Only runs of this environment (`tags.environment`, e.g. `production`) count; default every
   * environment. Callback timeouts are counted per flow whatever the environment.
   */
  environment?: string;
  /** Window of `failure-rate`, `p99-latency` and `callback-timeouts` (default 15 minutes). */
  windowMs?: number;
  /** Least finished runs in the window before `failure-rate` / `p99-latency` judge (default 10). */
  minRuns?: number;
  /** `supplier-balance`: the card-platform credential whose balance is checked. */
  credentialId?: string;
  /** `supplier-balance`: how often the supplier is asked (default 5 minutes). */
  checkIntervalMs?: number;
  /** While firing, notify again after this long; absent: notify once until it recovers. */
  renotifyMs?: number;
  enabled: boolean;
}

/** A rule as written to the API. */
export interface RuleInput extends Omit<RuleSpec, 'enabled'> {
  enabled?: boolean;
  /** Omitted on update: the stored channels are kept (their secrets are never read back). */
  channels?: ChannelInput[];
}

/** A rule as the API shows it. */
export interface AlertRule extends RuleSpec {
  id: string;
  channels: ChannelView[];
  createdAt: number;
  updatedAt: number;
}

/** A rule with its channels opened, for the evaluator only. */
export interface LoadedRule extends AlertRule {
  secretChannels: ChannelInput[];
}

/** Kinds of history events. */
export type AlertEventType = 'firing' | 'reminder' | 'resolved' | 'check-failed';

/** The outcome of sending one notification to one channel. */
export interface DeliveryOutcome {
  channel: number;
  kind: ChannelKind;
  host: string;
  ok: boolean;
  attempts: number;
  status?: number;
  /** The coded reason of the last failed attempt. */
  error?: { code: string; message: string };
}

/** One entry of the alert history. */
export interface AlertEvent {
  id: number;
  ruleId: string;
  ruleName: string;
  /** The flow id, or the credential id of a balance rule. */
  subject: string;
  type: AlertEventType;
  value: number | null;
  threshold: number;
  at: number;
  deliveries: DeliveryOutcome[];
  /** Why a balance check failed. */
  error?: { code: string; message: string };
}
