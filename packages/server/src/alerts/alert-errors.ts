import { JunctionError } from '@junction/runtime';

/**
 * Every error the alerts module throws, declared once with its parameters (the zh-CN sentences in
 * `runtime/src/i18n/error-sentences.zh-CN.json` key on these codes and name the same details).
 */
export const alertErrors = {
  ruleNotFound: (ruleId: string) =>
    new JunctionError('JX_ALERT_RULE_NOT_FOUND', `Alert rule ${ruleId} does not exist.`, { ruleId }),
  ruleInvalid: (field: string, reason: string) =>
    new JunctionError('JX_ALERT_RULE_INVALID', `The alert rule's ${field} is invalid: ${reason}`, {
      field,
      reason,
    }),
  channelUrlInvalid: (index: number, kind: string, expected: string) =>
    new JunctionError(
      'JX_ALERT_CHANNEL_URL_INVALID',
      `Channel #${index + 1} (${kind}) must be a URL starting with ${expected}.`,
      { channel: index, position: index + 1, kind, expected },
    ),
  deliveryRefused: (kind: string, host: string, status: number, answer: string) =>
    new JunctionError(
      'JX_ALERT_DELIVERY_REFUSED',
      `The ${kind} channel at ${host} refused the notification (HTTP ${status}): ${answer}`,
      { kind, host, status, answer },
    ),
  deliveryFailed: (kind: string, host: string, reason: string) =>
    new JunctionError(
      'JX_ALERT_DELIVERY_FAILED',
      `The ${kind} channel at ${host} could not be reached: ${reason}`,
      { kind, host, reason },
    ),
  balanceUnreadable: (credentialId: string) =>
    new JunctionError(
      'JX_ALERT_BALANCE_UNREADABLE',
      `The supplier's user.info.get answer for credential ${credentialId} has no numeric balance.`,
      { credentialId },
    ),
  historyRangeInvalid: (from: number, to: number) =>
    new JunctionError(
      'JX_ALERT_HISTORY_RANGE_INVALID',
      `The history range is empty: from ${from} is after to ${to}.`,
      {
        from,
        to,
      },
    ),
};
