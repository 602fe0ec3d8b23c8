import { describe, expect, it } from 'vitest';
import { pickLocale } from './locales.ts';
import { createTranslator } from './translator.ts';

describe('translator', () => {
  const zh = createTranslator('zh-CN', {
    'problems.count': '{count, plural, other {⚠ # 个问题}}',
    'toolbar.undoTitle': '撤销（{keys}）',
  });
  const en = createTranslator('en', {
    'problems.count': '{count, plural, one {# problem} other {# problems}}',
  });

  it('fills ICU plurals and placeholders', () => {
    expect(en.t('problems.count', { count: 1 })).toBe('1 problem');
    expect(en.t('problems.count', { count: 3 })).toBe('3 problems');
    expect(zh.t('problems.count', { count: 3 })).toBe('⚠ 3 个问题');
    expect(zh.t('toolbar.undoTitle', { keys: 'Ctrl+Z' })).toBe('撤销（Ctrl+Z）');
  });

  it('shows the key for a message the catalogue lacks, and lookup says undefined', () => {
    expect(en.t('toolbar.undo')).toBe('toolbar.undo');
    expect(en.lookup('error.JX_NOPE')).toBeUndefined();
  });

  it('formats dates in UTC+8 and money in yuan for zh-CN', () => {
    // 2026-01-01T16:30:00Z is half past midnight on 2 January in Beijing.
    expect(zh.dateTime('2026-01-01T16:30:00Z')).toBe('2026年1月2日 00:30:00');
    expect(zh.time(Date.UTC(2026, 0, 1, 16, 30))).toBe('00:30:00');
    expect(zh.money(1234.5)).toBe('¥1,234.50');
    expect(en.money(9.9)).toBe('¥9.90');
    expect(zh.number(1234567)).toBe('1,234,567');
  });
});

describe('pickLocale', () => {
  it('prefers the remembered choice, then the browser, then English', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale('fr', ['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale(null, ['ja'])).toBe('en');
  });
});
