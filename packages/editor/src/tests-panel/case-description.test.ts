import { describe, expect, it } from 'vitest';
import en from '../i18n/messages/en.json' with { type: 'json' };
import zhMessages from '../i18n/messages/zh-CN.json' with { type: 'json' };
import { createTranslator } from '../i18n/translator.ts';
import { caseDescription } from './case-description.ts';

const zh = createTranslator('zh-CN', zhMessages);
const english = createTranslator('en', en);

describe('drafted case descriptions in the user language', () => {
  it('renders the server draft in zh-CN and keeps it in English', () => {
    const drafted = 'Made from test run r-42 (succeeded).';
    expect(caseDescription(drafted, english)).toBe(drafted);
    const chinese = caseDescription(drafted, zh);
    expect(chinese).toContain('r-42');
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese).not.toContain('Made from');
    expect(chinese).toContain('测试运行');
    const fromRun = caseDescription('Made from run r-7 (failed).', zh);
    expect(fromRun).toContain('r-7');
    expect(fromRun).not.toContain('测试运行');
  });

  it('leaves a description the user wrote as it is', () => {
    expect(caseDescription('退款超过一小时后拒绝', zh)).toBe('退款超过一小时后拒绝');
    expect(caseDescription('Made from my own notes', zh)).toBe('Made from my own notes');
  });
});
