import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

type Descriptor = { type: string; title: string; config: { properties: Record<string, { title?: string }> } };

describe('GET /api/node-types in the caller’s language', () => {
  it('answers Chinese titles, field titles and choice labels for Accept-Language zh-CN', async () => {
    const zh = await t.api('GET', '/api/node-types', undefined, {
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    const webhook = zh.json.nodeTypes.find((d: Descriptor) => d.type === 'trigger.webhook');
    expect(webhook.title).toBe('Webhook');
    expect(webhook.config.properties.path.title).toBe('路径');
    expect(webhook.config.properties.method.oneOf).toContainEqual({ const: 'ANY', title: '任意方法' });
    const order = zh.json.nodeTypes.find((d: Descriptor) => d.type === 'cardPlatform.createCardOrder');
    expect(order.title).toBe('卡券平台：购买卡密');
    const kind = zh.json.credentialKinds.find((k: { kind: string }) => k.kind === 'card-platform');
    expect(kind.title).toBe('卡券平台（AppKey / AppSecret）');
  });

  it('answers English without the header or for English callers, and the same types either way', async () => {
    const en = await t.api('GET', '/api/node-types', undefined, { headers: { 'accept-language': 'en-US' } });
    const plain = await t.api('GET', '/api/node-types');
    const zh = await t.api('GET', '/api/node-types', undefined, { headers: { 'accept-language': 'zh-CN' } });
    const http = en.json.nodeTypes.find((d: Descriptor) => d.type === 'http.request');
    expect(http.title).toBe('HTTP request');
    expect(plain.json).toEqual(en.json);
    expect(zh.json.nodeTypes.map((d: Descriptor) => d.type)).toEqual(
      en.json.nodeTypes.map((d: Descriptor) => d.type),
    );
  });
});
