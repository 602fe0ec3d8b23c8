import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCatalogues, fillSentence, placeholdersOf } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { localizeErrorBody } from './localize-error-body.ts';

const PACKAGES = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Packages whose errors the server can answer with (the engine, the nodes, the host). */
const SOURCES = ['runtime/src', 'nodes/src', 'server/src'];
/** Tests, benches and test kits throw codes of their own that no user sees. */
const NOT_SHIPPED =
  /(\.test\.ts|\.bench\.ts|\.fixture\.ts|test-kit\.ts|test-helper\.ts)$|\/(conformance|testing)\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !NOT_SHIPPED.test(path) ? [path] : [];
  });
}

/** Every `'JX_…'` literal in shipped sources, with a file it appears in (prefixes such as `'JX_USER_'` excluded). */
function thrownCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of SOURCES.flatMap((dir) => sourceFiles(join(PACKAGES, dir)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'(JX_[A-Z0-9_]*[A-Z0-9])'/g)) {
      if (!codes.has(match[1] as string)) codes.set(match[1] as string, relative(PACKAGES, file));
    }
  }
  return codes;
}

const zh = errorCatalogues['zh-CN'];
const sentencesOf = (value: string | string[]) => (typeof value === 'string' ? [value] : value);

describe('the zh-CN error catalogue', () => {
  const codes = thrownCodes();

  it('has a sentence for every code the runtime, the nodes and the server throw', () => {
    expect(codes.size).toBeGreaterThan(150);
    const missing = [...codes].filter(([code]) => !zh.codes[code]).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('names no code that nothing throws any more', () => {
    expect(Object.keys(zh.codes).filter((code) => !codes.has(code))).toEqual([]);
  });

  it('is written in Chinese, with well-formed placeholders', () => {
    const all = [zh.codes, zh.schemaKeywords].flatMap((table) => Object.values(table).flatMap(sentencesOf));
    for (const sentence of all) {
      expect(sentence, sentence).toMatch(/[\u4e00-\u9fff]/);
      // Every `{name}` is filled; a lone brace would show up raw.
      const filled = fillSentence(
        sentence,
        Object.fromEntries(placeholdersOf(sentence).map((n) => [n, 'x'])),
      );
      expect(filled, sentence).not.toMatch(/\{[A-Za-z]\w*\}/);
    }
  });
});

describe('localizeErrorBody', () => {
  const body = (code: string, message: string, details: Record<string, unknown> = {}) => ({
    error: { code, message, details },
  });

  it('fills the sentence from the details and keeps the code and details', () => {
    const english = body('JX_FLOW_NOT_FOUND', 'Flow shop does not exist.', { flowId: 'shop' });
    expect(localizeErrorBody(english, 'zh-CN')).toEqual(
      body('JX_FLOW_NOT_FOUND', '流程 shop 不存在。', { flowId: 'shop' }),
    );
    expect(localizeErrorBody(english, 'en')).toBe(english);
  });

  it('takes the first sentence whose details are all there, else keeps the English', () => {
    const limited = body('JX_RATE_LIMITED', 'Too many requests.', {
      limit: 5,
      windowSeconds: 60,
      retryAfterSeconds: 12,
    });
    expect(localizeErrorBody(limited, 'zh-CN').error.message).toBe(
      '请求过多：每 60 秒最多 5 次。请在 12 秒后重试。',
    );
    expect(localizeErrorBody(body('JX_RATE_LIMITED', 'Too many.'), 'zh-CN').error.message).toBe(
      '请求过多，请稍等片刻再试。',
    );
    const bare = body('JX_FLOW_NOT_FOUND', 'Flow shop does not exist.');
    expect(localizeErrorBody(bare, 'zh-CN').error.message).toBe('Flow shop does not exist.');
    const unknown = body('JX_USER_OUT_OF_CARDS', 'Our own words.');
    expect(localizeErrorBody(unknown, 'zh-CN')).toEqual(unknown);
  });

  it('translates each problem by its code, or by its schema keyword, keeping every pointer', () => {
    const invalid = body('JX_FLOW_INVALID', 'The flow has 2 problems: Node a reuses…', {
      problems: [
        {
          code: 'JX_DUPLICATE_NODE_ID',
          pointer: '/nodes/1/id',
          message: 'Node #2 reuses the id a…',
          nodeId: 'a',
        },
        { code: 'JX_NEVER_HEARD_OF', pointer: '/x', message: 'Something else.' },
      ],
    });
    const zhBody = localizeErrorBody(invalid, 'zh-CN');
    expect(zhBody.error.details.problems).toEqual([
      {
        code: 'JX_DUPLICATE_NODE_ID',
        pointer: '/nodes/1/id',
        message: '节点 id a 被重复使用；每个节点的 id 必须唯一。',
        nodeId: 'a',
      },
      { code: 'JX_NEVER_HEARD_OF', pointer: '/x', message: 'Something else.' },
    ]);
    expect(zhBody.error.message).toBe('流程有 2 个问题：节点 id a 被重复使用；每个节点的 id 必须唯一。');

    const request = body(
      'JX_BAD_REQUEST',
      'The request body is invalid: / must have required property version.',
      {
        part: 'body',
        problems: [{ pointer: '/', message: "must have required property 'version'", keyword: 'required' }],
      },
    );
    const translated = localizeErrorBody(request, 'zh-CN', [
      { keyword: 'required', instancePath: '', params: { missingProperty: 'version' } },
    ]);
    expect(translated.error.message).toBe('请求体无效：/ 缺少必填属性 version。');
    expect(translated.error.details.problems).toEqual([
      { pointer: '/', message: '缺少必填属性 version', keyword: 'required' },
    ]);
  });

  it('says why a verification failed from the reason code', () => {
    const refused = body(
      'JX_WEBHOOK_SIGNATURE_INVALID',
      'The request failed verification: The signature does not match.',
      {
        path: 'orders',
        code: 'JX_SIGNATURE_INVALID',
      },
    );
    expect(localizeErrorBody(refused, 'zh-CN').error.message).toBe(
      '请求未通过验证（JX_SIGNATURE_INVALID）：签名不匹配。',
    );
  });
});
