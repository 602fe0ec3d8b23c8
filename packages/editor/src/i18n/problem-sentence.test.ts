import { VALIDATION_CODES } from '@junction/runtime/browser';
import { describe, expect, it } from 'vitest';
import type { FlowDocument, NodeTypeDescriptor } from '../document/flow-types.ts';
import type { ValidationProblem } from '../validation/problem.ts';
import { validateDocument } from '../validation/validate-document.ts';
import en from './messages/en.json' with { type: 'json' };
import zhMessages from './messages/zh-CN.json' with { type: 'json' };
import { problemSentence } from './problem-sentence.ts';
import { createTranslator } from './translator.ts';

const zh = createTranslator('zh-CN', zhMessages);
const english = createTranslator('en', en);

const descriptor = (type: string, extra: Partial<NodeTypeDescriptor> = {}): NodeTypeDescriptor => ({
  type,
  version: 1,
  title: type,
  category: 'utility',
  description: type,
  inputs: ['in'],
  outputs: ['out'],
  config: { type: 'object' },
  dynamicPorts: false,
  ...extra,
});

const nodeTypes: NodeTypeDescriptor[] = [
  descriptor('test.trigger', { trigger: true, inputs: [] }),
  descriptor('test.step', {
    config: {
      type: 'object',
      additionalProperties: false,
      required: ['count'],
      properties: {
        count: { type: 'integer', minimum: 1 },
        mode: { enum: ['a', 'b'] },
        name: { type: 'string', minLength: 1 },
        formula: { type: 'string' },
        list: { type: 'array', maxItems: 1 },
      },
    },
    credentials: { auth: { kinds: ['signature', 'bearer'] } },
  }),
  descriptor('test.broken', { config: { type: 'nonsense' } as never }),
];

const node = (id: string, type: string, config: object = {}, extra: object = {}) => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config,
  ...extra,
});
const edge = (id: string, from: string, out: string, to: string, input: string) => ({
  id,
  source: { node: from, port: out },
  target: { node: to, port: input },
});

/** One flow with (nearly) every problem the runtime's validateFlow can report. */
const broken = {
  schemaVersion: 1,
  id: 'broken',
  nodes: [
    node('start', 'test.trigger'),
    node(
      'step',
      'test.step',
      { count: 0, mode: 'c', extra: 1, name: '', formula: '=1 +', list: [1, 2] },
      { credentials: { auth: 'missing-cred', other: 'x' } },
    ),
    node('step2', 'test.step', { count: 1 }),
    node('step3', 'test.step', { count: 'many' }, { credentials: { auth: 'oauth-cred' } }),
    node('step', 'test.step', { count: 1 }),
    node('ghost', 'nope.node'),
    node('old', 'test.step', { count: 1 }, { typeVersion: 9 }),
    node('odd', 'test.broken'),
    node('start2', 'test.trigger', {}, { credentials: { x: 'y' } }),
    { id: 'lost', type: 'test.step', typeVersion: 1, config: { count: 1 } },
  ],
  edges: [
    edge('e1', 'start', 'out', 'step', 'in'),
    edge('e1', 'start2', 'out', 'step2', 'in'),
    edge('e3', 'start', 'out', 'step', 'in'),
    edge('e4', 'step', 'nope', 'step2', 'in'),
    edge('e5', 'step', 'error', 'step3', 'in'),
    edge('e6', 'step', 'out', 'step3', 'bad'),
    edge('e7', 'step', 'out', 'start', 'in'),
    edge('e8', 'step', 'out', 'nowhere', 'in'),
    edge('e9', 'nowhere', 'out', 'step', 'in'),
    edge('e10', 'step2', 'out', 'step3', 'in'),
    edge('e11', 'step3', 'out', 'step2', 'in'),
  ],
} as unknown as FlowDocument;

const kinds: Record<string, string> = { 'oauth-cred': 'oauth' };
const problemsOf = (doc: FlowDocument): ValidationProblem[] =>
  validateDocument(doc, { nodeTypes, credentialKind: (id) => kinds[id] });

const noTrigger = { schemaVersion: 1, id: 'empty', name: 'Empty', nodes: [], edges: [] } as FlowDocument;
const disabledTrigger = {
  ...noTrigger,
  nodes: [node('start', 'test.trigger', {}, { disabled: true })],
} as FlowDocument;
const all = [...problemsOf(broken), ...problemsOf(noTrigger), ...problemsOf(disabledTrigger)];

describe('validation problems in Chinese', () => {
  it('the fixture flows produce every code the runtime can report (so each is checked below)', () => {
    expect([...new Set(all.map((p) => p.code))].sort()).toEqual([...VALIDATION_CODES].sort());
  });

  it('zh-CN has a sentence for every validation code of the runtime', () => {
    const keys = Object.keys(zhMessages);
    const missing = VALIDATION_CODES.filter(
      (code) => !keys.some((key) => key === `problem.${code}` || key.startsWith(`problem.${code}.`)),
    );
    expect(missing).toEqual([]);
  });

  it('every problem the runtime reports reads in Chinese, none falls back to English', () => {
    const english = all.filter((p) => !/[\u4e00-\u9fff]/.test(problemSentence(p, zh)));
    expect(english.map((p) => `${p.code}: ${p.message}`)).toEqual([]);
  });

  it('fills in the values of the sentence, schema phrases and type names included', () => {
    const sentence = (code: string, pointer: string) => {
      const problem = all.find((p) => p.code === code && p.pointer === pointer);
      return problem && problemSentence(problem, zh);
    };
    expect(sentence('JX_CONFIG', '/nodes/1/config/count')).toBe('节点 step 的配置字段 count 必须不小于 1。');
    expect(sentence('JX_CONFIG', '/nodes/3/config/count')).toBe('节点 step3 的配置字段 count 必须是整数。');
    expect(sentence('JX_SCHEMA', '/name')).toBe('流程字段 name 是必填项，但缺失。');
    expect(sentence('JX_CREDENTIAL_KIND', '/nodes/3/credentials/auth')).toBe(
      '节点 step3：凭据 oauth-cred 是 oauth 凭据，但槽位 auth 只接受 signature 或 bearer。',
    );
    expect(sentence('JX_CYCLE', '/edges/10')).toContain('step2 → step3 → step2');
  });

  it('shows a JSONata parse error as its position in Chinese with the parser message quoted', () => {
    const problem = all.find((p) => p.code === 'JX_EXPRESSION_SYNTAX') as ValidationProblem;
    const text = problemSentence(problem, zh);
    expect(text).toMatch(
      /^节点 step：配置字段 formula 中的表达式在第 \d+ 个字符处无法解析（JSONata：“.+”）。$/,
    );
    const reason = /does not parse at position \d+: (.*)\.$/.exec(problem.message)?.[1];
    expect(text).toContain(`“${reason}”`);
  });

  it("keeps the runtime's English sentence in English, and for a code or sentence it does not know", () => {
    for (const problem of all) expect(problemSentence(problem, english)).toBe(problem.message);
    const unknown = { code: 'JX_SOMETHING_NEW', pointer: '', message: 'Something new.' };
    expect(problemSentence(unknown, zh)).toBe('Something new.');
    const custom = {
      code: 'JX_CONFIG',
      pointer: '/nodes/0/config/a',
      message: 'Node a: config field a is odd.',
    };
    expect(problemSentence(custom, zh)).toBe(custom.message);
  });
});
