import { describe, expect, it } from 'vitest';
import { localizeCredentialKind, localizeNodeType, missingTexts } from '../index.ts';

const node = {
  type: 'demo.send',
  version: 2,
  title: 'Send',
  description: 'Sends a thing.',
  config: {
    type: 'object',
    properties: {
      mode: {
        title: 'Mode',
        oneOf: [
          { const: 'fast', title: 'Fast' },
          { const: 'safe', title: 'Safe' },
        ],
      },
      retry: { type: 'object', title: 'Retry', properties: { delayMs: { type: 'integer', title: 'Delay' } } },
      headers: {
        type: 'array',
        items: { type: 'object', properties: { name: { title: 'Name', examples: ['X-A'] } } },
      },
    },
  },
};

describe('descriptor localisation', () => {
  const catalogue = {
    nodes: {
      'demo.send': {
        title: '发送',
        description: '发送一个东西。',
        fields: {
          mode: { title: '模式', options: { fast: '快速', safe: '稳妥' } },
          'retry.delayMs': { title: '延迟' },
          'headers[].name': { title: '名称', examples: ['X-签名'] },
        },
      },
      'demo.send@2': { fields: { retry: { title: '重试（v2）' } } },
    },
    credentialKinds: { token: { title: '令牌', description: '发送令牌。', fields: {} } },
  };

  it('replaces titles, help, choice labels and examples by dotted path; version entries win', () => {
    const zh = localizeNodeType(node, catalogue);
    const p = zh.config.properties as Record<string, Record<string, unknown>>;
    expect([zh.title, zh.description]).toEqual(['发送', '发送一个东西。']);
    expect(p.mode).toMatchObject({
      title: '模式',
      oneOf: [
        { const: 'fast', title: '快速' },
        { const: 'safe', title: '稳妥' },
      ],
    });
    expect(p.retry).toMatchObject({ title: '重试（v2）', properties: { delayMs: { title: '延迟' } } });
    expect(p.headers).toMatchObject({
      items: { properties: { name: { title: '名称', examples: ['X-签名'] } } },
    });
    // The English descriptor is left as it was.
    expect((node.config.properties.mode as { title: string }).title).toBe('Mode');
  });

  it('leaves a descriptor without texts untouched and localises credential kinds', () => {
    expect(localizeNodeType({ ...node, type: 'demo.other' }, catalogue).title).toBe('Send');
    const kind = { kind: 'token', title: 'Token', description: 'Sends a token.', schema: { type: 'object' } };
    expect(localizeCredentialKind(kind, catalogue).title).toBe('令牌');
  });

  it('lists every English text the translation lacks', () => {
    const english = { title: node.title, description: node.description, schema: node.config };
    expect(missingTexts(english, { title: '发送', fields: { mode: { options: { fast: '快速' } } } })).toEqual(
      [
        'description',
        'mode.title',
        'mode.options.safe',
        'retry.title',
        'retry.delayMs.title',
        'headers[].name.title',
      ],
    );
  });
});
