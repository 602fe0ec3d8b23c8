import { fillSentence } from '@junction/runtime';
import { ALERT_SENTENCES } from './alert-sentences.ts';
import type { AlertEventType, AlertLocale, RuleSpec } from './alert-types.ts';

/** What a notification says, before a channel shapes it. */
export interface AlertMessage {
  type: AlertEventType;
  title: string;
  /** The condition, the time, and the link, one sentence each. */
  lines: string[];
  /** The editor's runs view of the flow, when there is a flow. */
  link?: string;
}

/** The facts a message is made from. */
export interface AlertFacts {
  type: AlertEventType;
  rule: Pick<RuleSpec, 'name' | 'kind' | 'threshold' | 'windowMs'>;
  /** Flow name (flow rules) or credential name (balance rules). */
  subjectName: string;
  value: number | null;
  runs?: number;
  at: number;
  link?: string;
}

const UTC8_MS = 8 * 3_600_000;

/** `yyyy-MM-dd HH:mm:ss` in UTC+8, the time merchants' teams read. */
export function formatUtc8(epochMs: number): string {
  return new Date(epochMs + UTC8_MS).toISOString().replace('T', ' ').slice(0, 19);
}

function say(locale: AlertLocale, key: string, values: Record<string, unknown>): string {
  return fillSentence(ALERT_SENTENCES[locale][key] ?? key, values) ?? key;
}

function windowText(locale: AlertLocale, ms: number): string {
  if (ms % 3_600_000 === 0) return say(locale, 'unit.hours', { n: ms / 3_600_000 });
  if (ms % 60_000 === 0) return say(locale, 'unit.minutes', { n: ms / 60_000 });
  return say(locale, 'unit.seconds', { n: Math.round(ms / 1000) });
}

const round = (value: number | null) => (value === null ? undefined : Math.round(value * 100) / 100);

/** The message of one event in one language, from the catalogue in `alert-sentences.ts`. */
export function formatAlertMessage(facts: AlertFacts, locale: AlertLocale): AlertMessage {
  const { rule } = facts;
  const values = {
    rule: rule.name,
    flow: facts.subjectName,
    credential: facts.subjectName,
    subject: facts.subjectName,
    value: round(facts.value),
    threshold: rule.threshold,
    runs: facts.runs,
    window: windowText(locale, rule.windowMs ?? 15 * 60_000),
  };
  const condition = say(locale, `alert.condition.${rule.kind}`, values);
  const lines = [facts.type === 'resolved' ? say(locale, 'alert.resolved', values) : condition];
  lines.push(say(locale, 'alert.time', { time: formatUtc8(facts.at) }));
  if (facts.link) lines.push(say(locale, 'alert.link', { link: facts.link }));
  return {
    type: facts.type,
    title: say(locale, `alert.title.${facts.type === 'check-failed' ? 'firing' : facts.type}`, values),
    lines,
    ...(facts.link ? { link: facts.link } : {}),
  };
}
