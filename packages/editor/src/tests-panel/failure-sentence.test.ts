// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExpectationFailure } from '../api/flow-test-types.ts';
import en from '../i18n/messages/en.json' with { type: 'json' };
import zhMessages from '../i18n/messages/zh-CN.json' with { type: 'json' };
import { createTranslator } from '../i18n/translator.ts';
import { failureSentence } from './failure-sentence.ts';

const zh = createTranslator('zh-CN', zhMessages);
const english = createTranslator('en', en);

/** The server's failure catalogue, read as text: the editor never imports server code. */
const catalogue = readFileSync(
  fileURLToPath(new URL('../../../server/src/flow-tests/failure-catalogue.ts', import.meta.url)),
  'utf8',
);
const paramsBlock = catalogue.slice(
  catalogue.indexOf('export interface FailureParams'),
  catalogue.indexOf('export type FailureKey'),
);
/** Each declared key with its parameter names (ValueWhere adds subject and node). */
const declared = [...paramsBlock.matchAll(/'(flowTest\.\w+)': (ValueWhere & )?\{([^}]*)\}/g)].map((m) => ({
  key: m[1] as string,
  params: [
    ...(m[2] ? ['subject', 'node'] : []),
    ...[...(m[3] as string).matchAll(/(\w+)\??:/g)].map((p) => p[1] as string),
  ],
}));

const sample = (params: string[]): Record<string, string | number> =>
  Object.fromEntries(params.map((p) => [p, p === 'subject' ? 'node' : p === 'waitFor' ? 'run' : 7]));

describe('flow-test failures in the user language', () => {
  it('reads the keys the server declares', () => {
    expect(declared.length).toBeGreaterThan(15);
    expect(declared.map((d) => d.key)).toContain('flowTest.notRun');
  });

  it('has an en and a zh-CN message for every declared key, using only its parameters', () => {
    for (const { key, params } of declared) {
      expect(en, key).toHaveProperty([key]);
      expect(zhMessages, key).toHaveProperty([key]);
      const failure: ExpectationFailure = { pointer: '', key, params: sample(params), message: 'ENGLISH' };
      expect(failureSentence(failure, english), key).not.toBe('ENGLISH');
      const chinese = failureSentence(failure, zh);
      expect(chinese, key).not.toBe('ENGLISH');
      // Placeholders all filled: no `{name}` left over.
      expect(chinese, key).not.toMatch(/\{\w+\}/);
    }
  });

  it('renders a failure in Chinese with its node and values', () => {
    const notRun = {
      pointer: '/expect/ran/0',
      nodeId: 'big',
      key: 'flowTest.notRun',
      params: { node: 'big' },
    };
    expect(failureSentence({ ...notRun, message: 'big did not run' }, zh)).toBe('big 没有运行');
    const body: ExpectationFailure = {
      pointer: '/expect/response/body',
      key: 'flowTest.valueDiffers',
      params: { subject: 'body', path: '/ok', expected: 'true', actual: 'false' },
      message: 'webhook body: /ok: expected true, got false',
    };
    expect(failureSentence(body, zh)).toBe('Webhook 响应体在 /ok 处：预期 true，实际 false');
    const port: ExpectationFailure = {
      pointer: '/expect/nodes/charge/port',
      key: 'flowTest.wrongPort',
      params: { node: 'charge', ports: '', expected: 'error' },
      message: 'charge emitted on no port, not error',
    };
    expect(failureSentence(port, zh)).toBe('charge 从 任何端口 输出，而不是 error');
  });

  it('falls back to the English message for an unknown or missing key', () => {
    const message = 'something new went wrong';
    expect(failureSentence({ pointer: '', key: 'flowTest.fromTheFuture', params: {}, message }, zh)).toBe(
      message,
    );
    expect(failureSentence({ pointer: '', message }, zh)).toBe(message);
  });
});
