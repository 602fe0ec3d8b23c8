import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { jsonataErrorSentence } from './jsonata-error.ts';
import en from './messages/en.json' with { type: 'json' };
import zhMessages from './messages/zh-CN.json' with { type: 'json' };
import { createTranslator } from './translator.ts';

const parseFailure = (text: string): unknown => {
  try {
    jsonata(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parses`);
};

describe('JSONata parse errors in the expression fields', () => {
  it('in Chinese: the position in a Chinese sentence, the parser message quoted', () => {
    const error = parseFailure('price *') as { message: string; position: number };
    const text = jsonataErrorSentence(error, createTranslator('zh-CN', zhMessages));
    expect(text).toBe(`表达式在第 ${error.position} 个字符处无法解析（JSONata：“${error.message}”）`);
    expect(jsonataErrorSentence({ message: 'odd' }, createTranslator('zh-CN', zhMessages))).toBe(
      '表达式无法解析（JSONata：“odd”）',
    );
  });

  it("in English: the parser's own message", () => {
    const error = parseFailure('a.(') as { message: string };
    expect(jsonataErrorSentence(error, createTranslator('en', en))).toBe(error.message);
  });
});
