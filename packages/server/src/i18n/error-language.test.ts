import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../app/raw-http.test-helper.ts';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const ZH = { 'accept-language': 'zh-CN,zh;q=0.9' };
const EN = { 'accept-language': 'en' };
const CJK = /[\u4e00-\u9fff]/;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

describe('API error sentences follow Accept-Language (the code never changes)', () => {
  it('answers a route error in Chinese for zh-CN, in English for en and by default', async () => {
    const zh = await t.api('GET', '/api/flows/no-such-flow', undefined, { headers: ZH });
    expect(zh.status).toBe(404);
    expect(zh.json.error).toEqual({
      code: 'JX_FLOW_NOT_FOUND',
      message: '流程 no-such-flow 不存在。',
      details: { flowId: 'no-such-flow' },
    });
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    expect(zh.headers.get('vary')).toMatch(/accept-language/i);
    const en = await t.api('GET', '/api/flows/no-such-flow', undefined, { headers: EN });
    expect(en.json.error).toMatchObject({
      code: 'JX_FLOW_NOT_FOUND',
      message: 'Flow no-such-flow does not exist.',
    });
    expect(en.headers.get('content-language')).toBe('en');
    const none = await t.api('GET', '/api/flows/no-such-flow');
    expect(none.json.error.message).toBe('Flow no-such-flow does not exist.');
  });

  it('honours quality values', async () => {
    const ask = async (header: string) =>
      (await t.api('GET', '/api/flows/x', undefined, { headers: { 'accept-language': header } })).json.error
        .message;
    expect(await ask('en;q=0.9, zh-CN;q=0.8')).toBe('Flow x does not exist.');
    expect(await ask('en;q=0.5, zh-CN;q=0.9')).toBe('流程 x 不存在。');
    expect(await ask('fr-FR, zh-TW;q=0.3')).toBe('流程 x 不存在。');
    expect(await ask('zh-CN;q=0, en;q=0.1')).toBe('Flow x does not exist.');
    expect(await ask('de')).toBe('Flow x does not exist.');
  });

  it('translates each validation problem of a 422 and keeps its pointer and code', async () => {
    const flow = fixture('invalid');
    const en = await t.api('PUT', `/api/flows/${flow.id}`, flow, { headers: EN });
    const zh = await t.api('PUT', `/api/flows/${flow.id}`, flow, { headers: ZH });
    expect(zh.status).toBe(422);
    expect(zh.json.error.code).toBe('JX_FLOW_INVALID');
    const enProblems = en.json.error.details.problems as { code: string; pointer: string; message: string }[];
    const zhProblems = zh.json.error.details.problems as { code: string; pointer: string; message: string }[];
    expect(zhProblems.map((p) => [p.code, p.pointer])).toEqual(enProblems.map((p) => [p.code, p.pointer]));
    expect(zhProblems.find((p) => p.code === 'JX_UNKNOWN_NODE_TYPE')?.message).toBe(
      '节点 mystery 使用的节点类型（或版本）未安装；请选择已安装的类型或版本。',
    );
    expect(zhProblems.find((p) => p.code === 'JX_DANGLING_EDGE')?.message).toBe(
      '连线 e1 连接到一个不存在的节点；请重新连接或删除这条连线。',
    );
    for (const problem of zhProblems) expect(problem.message, problem.code).toMatch(CJK);
    expect(zh.json.error.message).toBe(`流程有 ${zhProblems.length} 个问题：${zhProblems[0]?.message}`);
    expect(en.json.error.message).toMatch(/^The flow has \d problems: /);
  });

  it('translates request-schema problems (400) by their JSON Schema keyword', async () => {
    const zh = await t.api('POST', '/api/tokens', { scopes: ['flows:read'], colour: 'red' }, { headers: ZH });
    expect(zh.status).toBe(400);
    expect(zh.json.error.code).toBe('JX_BAD_REQUEST');
    expect(zh.json.error.details.part).toBe('body');
    const messages = (zh.json.error.details.problems as { message: string }[]).map((p) => p.message);
    expect(messages).toContain('缺少必填属性 name');
    expect(messages).toContain('不允许有属性 colour');
    expect(zh.json.error.message).toMatch(/^请求体无效：/);
  });

  it('answers auth refusals in Chinese', async () => {
    const anonymous = await t.api('GET', '/api/flows', undefined, { token: null, headers: ZH });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('JX_UNAUTHORIZED');
    expect(anonymous.json.error.message).toMatch(/^API 令牌缺失、未知或已被吊销/);
    const reader = await t.api('POST', '/api/tokens', { name: 'reader', scopes: ['flows:read'] });
    const refused = await t.api(
      'POST',
      '/api/flows/x/deploy',
      { version: 1 },
      { token: reader.json.token, headers: ZH },
    );
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({
      code: 'JX_FORBIDDEN',
      message: '此令牌缺少权限范围 deploy；请创建一个具有该范围的令牌。',
      details: { required: 'deploy' },
    });
  });

  it('answers ingress refusals (webhooks, callbacks, unknown paths) in Chinese', async () => {
    const hook = await t.api('POST', '/hooks/nowhere', {}, { token: null, headers: ZH });
    expect(hook.status).toBe(404);
    expect(hook.json.error).toMatchObject({
      code: 'JX_WEBHOOK_NOT_FOUND',
      message: '没有已部署的流程在 /hooks/nowhere 处提供 Webhook。',
    });
    const callback = await t.api('POST', '/callbacks/nobody', {}, { token: null, headers: ZH });
    expect(callback.status).toBe(404);
    expect(callback.json.error).toMatchObject({
      code: 'JX_CALLBACK_UNKNOWN_CHANNEL',
      message: '没有已部署的流程在通道 nobody 上等待回调。',
    });
    const nothing = await t.api('GET', '/api/no-such-thing', undefined, { headers: ZH });
    expect(nothing.json.error).toMatchObject({
      code: 'JX_NOT_FOUND',
      message: 'GET /api/no-such-thing 处没有任何内容。',
    });
    const long = await t.api('GET', `/api/flows/${'a'.repeat(600)}`, undefined, { headers: ZH });
    expect(long.status).toBe(414);
    expect(long.json.error).toMatchObject({ code: 'JX_URI_TOO_LONG', message: expect.stringMatching(CJK) });
  });

  it("answers requests Node's parser refused in the language of a header that arrived whole", async () => {
    const request = (language: string) =>
      `GET /api/flows HTTP/1.1\r\nHost: test\r\nAccept-Language: ${language}\r\nX-Big: ${'a'.repeat(17_000)}\r\n\r\n`;
    const zh = await rawRequest(t.url, request('zh-CN,zh;q=0.9'));
    expect(zh.status).toBe(431);
    expect(zh.json.error).toMatchObject({
      code: 'JX_HEADERS_TOO_LARGE',
      message: expect.stringMatching(/^请求头超过/),
    });
    expect(zh.head).toMatch(/content-language: zh-CN/i);
    const en = await rawRequest(t.url, request('en'));
    expect(en.json.error.message).toMatch(/^The request headers are larger/);
  });

  it('leaves the words of a flow that answers a webhook itself alone, even shaped like an error', async () => {
    const flow = fixture('respond-error');
    expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    const version = await t.api('POST', `/api/flows/${flow.id}/versions`, {});
    await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: version.json.version });
    const answer = await t.api('POST', '/hooks/shop/refuse', {}, { token: null, headers: ZH });
    expect(answer.status).toBe(404);
    expect(answer.json.error).toEqual({
      code: 'JX_FLOW_NOT_FOUND',
      message: "Our shop's own words.",
      details: { flowId: 'x' },
    });
    expect(answer.headers.get('content-language')).toBeNull();
  });
});
