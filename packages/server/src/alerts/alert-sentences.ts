import type { AlertLocale } from './alert-types.ts';

/**
 * Notification sentences by message key, with `{placeholders}` filled by the runtime's
 * `fillSentence`. A key may list several sentences, most specific first: the first whose
 * placeholders all have values is used (a resolved alert may have no value any more).
 */
export const ALERT_SENTENCES: Record<AlertLocale, Record<string, string | string[]>> = {
  en: {
    'alert.title.firing': '[Alert] {rule}',
    'alert.title.reminder': '[Still firing] {rule}',
    'alert.title.resolved': '[Resolved] {rule}',
    'alert.condition.failure-rate':
      'Flow {flow}: failure rate {value} % over the last {window} ({runs} finished runs); threshold {threshold} %.',
    'alert.condition.p99-latency':
      'Flow {flow}: p99 run latency {value} ms over the last {window}; threshold {threshold} ms.',
    'alert.condition.callback-timeouts':
      'Flow {flow}: {value} callbacks timed out over the last {window}; threshold {threshold}.',
    'alert.condition.waiting-runs': 'Flow {flow}: {value} runs waiting; threshold {threshold}.',
    'alert.condition.supplier-balance': 'Supplier balance of {credential}: {value}; alert below {threshold}.',
    'alert.resolved': [
      '{subject} is back to normal: now {value} (threshold {threshold}).',
      '{subject} is back to normal (threshold {threshold}).',
    ],
    'alert.time': 'Time: {time} (UTC+8)',
    'alert.link': 'Runs: {link}',
    'unit.minutes': '{n} min',
    'unit.hours': '{n} h',
    'unit.seconds': '{n} s',
  },
  'zh-CN': {
    'alert.title.firing': '【告警】{rule}',
    'alert.title.reminder': '【持续告警】{rule}',
    'alert.title.resolved': '【已恢复】{rule}',
    'alert.condition.failure-rate':
      '流程 {flow}：最近 {window} 失败率 {value}%（共 {runs} 次已结束的运行），阈值 {threshold}%。',
    'alert.condition.p99-latency':
      '流程 {flow}：最近 {window} 运行耗时 p99 为 {value} 毫秒，阈值 {threshold} 毫秒。',
    'alert.condition.callback-timeouts':
      '流程 {flow}：最近 {window} 有 {value} 次回调超时，阈值 {threshold}。',
    'alert.condition.waiting-runs': '流程 {flow}：当前有 {value} 个运行在等待，阈值 {threshold}。',
    'alert.condition.supplier-balance': '供应商账户 {credential} 余额 {value}，低于 {threshold} 时告警。',
    'alert.resolved': [
      '{subject} 已恢复正常：当前 {value}（阈值 {threshold}）。',
      '{subject} 已恢复正常（阈值 {threshold}）。',
    ],
    'alert.time': '时间：{time}（北京时间）',
    'alert.link': '运行记录：{link}',
    'unit.minutes': '{n} 分钟',
    'unit.hours': '{n} 小时',
    'unit.seconds': '{n} 秒',
  },
};
