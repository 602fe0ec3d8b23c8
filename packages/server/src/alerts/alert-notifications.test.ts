import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';
import { type Receiver, startReceiver } from './alert-receiver.test-helper.ts';

let t: TestServer;
let rx: Receiver;
const DING_SECRET = 'SECding-secret-0123456789';
const FEISHU_SECRET = 'feishu-secret-abcdef';
const HOOK_SECRET = 'hook-secret-xyz';

beforeAll(async () => {
  rx = await startReceiver({
    '/fail/': { status: 500, body: 'down' },
    '/refuse/cgi-bin/webhook/send': { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' },
  });
  t = await startTestServer({
    egress: { allow: [rx.host] },
    publicUrl: 'https://junction.example.com',
    alerts: {
      intervalMs: 0,
      channelBaseUrls: [rx.base],
      delivery: { attempts: 3, backoffMs: 5, timeoutMs: 2_000 },
    },
  });
  const flow = fixture('failing');
  expect((await t.api('PUT', '/api/flows/failing', flow)).status).toBe(200);
  await t.api('POST', '/api/flows/failing/versions');
  expect((await t.api('POST', '/api/flows/failing/deploy', { version: 1 })).status).toBe(200);
  for (let i = 0; i < 3; i++) {
    const run = await t.api('POST', '/api/flows/failing/runs?wait=true', { input: {} });
    expect(run.json.run.status).toBe('failed');
  }
});
afterAll(async () => {
  await t?.close();
  await rx?.close();
});

const failureRule = (channels: unknown[], extra: Record<string, unknown> = {}) => ({
  name: '下单失败率',
  kind: 'failure-rate',
  flowId: 'failing',
  threshold: 50,
  minRuns: 2,
  channels,
  ...extra,
});

describe('alert notifications over real HTTP', () => {
  let ruleId = '';

  it('fires once to every channel, each in its platform format and signed', async () => {
    const created = await t.api(
      'POST',
      '/api/alerts/rules',
      failureRule([
        { kind: 'wecom', url: `${rx.base}cgi-bin/webhook/send?key=wecom-key-1` },
        { kind: 'dingtalk', url: `${rx.base}robot/send?access_token=ding-token-1`, secret: DING_SECRET },
        { kind: 'feishu', url: `${rx.base}open-apis/bot/v2/hook/feishu-hook-1`, secret: FEISHU_SECRET },
        { kind: 'webhook', url: `${rx.base}hook`, secret: HOOK_SECRET },
      ]),
    );
    expect(created.status).toBe(201);
    ruleId = created.json.id;
    const before = Date.now();
    const first = await t.api('POST', '/api/alerts/evaluate');
    const after = Date.now();
    expect(first.status).toBe(200);
    expect(first.json.events).toHaveLength(1);
    const [event] = first.json.events;
    expect(event).toMatchObject({ ruleId, subject: 'failing', type: 'firing', value: 100, threshold: 50 });
    expect(event.deliveries.map((d: { ok: boolean; attempts: number }) => [d.ok, d.attempts])).toEqual([
      [true, 1],
      [true, 1],
      [true, 1],
      [true, 1],
    ]);

    const [wecom] = rx.on('/cgi-bin/webhook/send?key=wecom-key-1');
    expect(wecom?.json.msgtype).toBe('markdown');
    const content = (wecom!.json.markdown as { content: string }).content;
    expect(content).toContain('【告警】下单失败率');
    expect(content).toContain('流程 Always fails');
    expect(content).toContain('失败率 100%');
    expect(content).toContain('阈值 50%');
    expect(content).toMatch(/时间：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间）/);
    expect(content).toContain('https://junction.example.com/?flow=failing&view=runs');

    const [ding] = rx.on('/robot/send');
    const query = new URL(ding!.path, rx.base).searchParams;
    expect(query.get('access_token')).toBe('ding-token-1');
    const ts = Number(query.get('timestamp'));
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after);
    const dingSign = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
    expect(query.get('sign')).toBe(dingSign);
    expect(ding!.json).toMatchObject({ msgtype: 'markdown', markdown: { title: '【告警】下单失败率' } });

    const [feishu] = rx.on('/open-apis/bot/v2/hook/feishu-hook-1');
    const seconds = Number(feishu!.json.timestamp);
    expect(typeof feishu!.json.timestamp).toBe('string');
    expect(feishu!.json.sign).toBe(
      createHmac('sha256', `${seconds}\n${FEISHU_SECRET}`).update('').digest('base64'),
    );
    expect(feishu!.json.msg_type).toBe('post');
    expect(JSON.stringify(feishu!.json.content)).toContain('【告警】下单失败率');

    const [hook] = rx.on('/hook');
    const hookTs = String(hook!.headers['x-junction-timestamp']);
    expect(hook!.headers['x-junction-signature']).toBe(
      `sha256=${createHmac('sha256', HOOK_SECRET).update(`${hookTs}.${hook!.body}`).digest('hex')}`,
    );
    expect(hook!.json).toMatchObject({
      event: 'firing',
      rule: { id: ruleId, name: '下单失败率', kind: 'failure-rate' },
      subject: 'failing',
      value: 100,
      threshold: 50,
      link: 'https://junction.example.com/?flow=failing&view=runs',
    });
    // The generic webhook speaks English by default.
    expect(hook!.json.title).toBe('[Alert] 下单失败率');
  });

  it('does not notify again while the alert keeps firing', async () => {
    const count = rx.got.length;
    const again = await t.api('POST', '/api/alerts/evaluate');
    expect(again.json.events).toEqual([]);
    await t.server.alerts.evaluateOnce();
    expect(rx.got.length).toBe(count);
  });

  it('sends a recovery notice once when the condition clears, and records both in the history', async () => {
    // Raising the threshold above the current failure rate clears the condition.
    const updated = await t.api(
      'PUT',
      `/api/alerts/rules/${ruleId}`,
      failureRule([], { threshold: 100, channels: undefined }),
    );
    expect(updated.status).toBe(200);
    expect(updated.json.channels).toHaveLength(4);
    const count = rx.got.length;
    const resolved = await t.api('POST', '/api/alerts/evaluate');
    expect(resolved.json.events).toMatchObject([{ ruleId, type: 'resolved', value: 100 }]);
    expect(rx.got.length).toBe(count + 4);
    const wecom = rx.on('/cgi-bin/webhook/send?key=wecom-key-1').at(-1);
    expect((wecom!.json.markdown as { content: string }).content).toContain('【已恢复】下单失败率');
    expect((await t.api('POST', '/api/alerts/evaluate')).json.events).toEqual([]);
    expect(rx.got.length).toBe(count + 4);

    const history = await t.api('GET', `/api/alerts/history?ruleId=${ruleId}`);
    expect(history.json.events.map((e: { type: string }) => e.type)).toEqual(['resolved', 'firing']);
    expect(history.json.events[1].deliveries.every((d: { ok: boolean }) => d.ok)).toBe(true);
    const window = await t.api(
      'GET',
      `/api/alerts/history?ruleId=${ruleId}&from=${history.json.events[0].at + 1}`,
    );
    expect(window.json.events).toEqual([]);
  });

  it('retries a failed delivery with backoff, records the failure and keeps serving', async () => {
    const created = await t.api(
      'POST',
      '/api/alerts/rules',
      failureRule([
        { kind: 'webhook', url: `${rx.base}fail/hook` },
        { kind: 'wecom', url: `${rx.base}refuse/cgi-bin/webhook/send?key=refused-key` },
      ]),
    );
    const fired = await t.api('POST', '/api/alerts/evaluate');
    const event = fired.json.events.find((e: { ruleId: string }) => e.ruleId === created.json.id);
    expect(event.deliveries).toMatchObject([
      { ok: false, attempts: 3, status: 500, error: { code: 'JX_ALERT_DELIVERY_REFUSED' } },
      { ok: false, attempts: 3, error: { code: 'JX_ALERT_DELIVERY_REFUSED' } },
    ]);
    expect(event.deliveries[1].error.message).toContain('93000');
    expect(rx.on('/fail/hook')).toHaveLength(3);
    expect(rx.on('/refuse/')).toHaveLength(3);
    const history = await t.api('GET', `/api/alerts/history?ruleId=${created.json.id}`);
    expect(history.json.events[0].deliveries[0]).toMatchObject({ ok: false, attempts: 3 });
    expect((await t.api('GET', '/api/health')).status).toBe(200);
    // Logged by host and code only: no robot key, token or secret anywhere in the logs.
    const logs = t.logs.join('\n');
    expect(logs).toContain('alert notification not delivered');
    for (const secret of [
      'refused-key',
      'wecom-key-1',
      'ding-token-1',
      DING_SECRET,
      FEISHU_SECRET,
      HOOK_SECRET,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('counts only the runs of the environment a rule names', async () => {
    const runs = await t.api('GET', '/api/runs?flowId=failing');
    expect(runs.json.runs[0].tags.environment).toBe('production');
    const channels = [{ kind: 'webhook', url: `${rx.base}env-hook` }];
    const sandboxOnly = await t.api(
      'POST',
      '/api/alerts/rules',
      failureRule(channels, { environment: 'sandbox' }),
    );
    const production = await t.api(
      'POST',
      '/api/alerts/rules',
      failureRule(channels, { environment: 'production' }),
    );
    const events = await t.server.alerts.evaluateOnce();
    expect(events.filter((e) => e.ruleId === sandboxOnly.json.id)).toEqual([]);
    expect(events.filter((e) => e.ruleId === production.json.id)).toMatchObject([
      { type: 'firing', value: 100 },
    ]);
    const unknown = await t.api(
      'POST',
      '/api/alerts/rules',
      failureRule(channels, { environment: 'staging' }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.json.error).toMatchObject({
      code: 'JX_ALERT_RULE_INVALID',
      details: { field: 'environment' },
    });
  });

  it('never returns channel URLs or secrets', async () => {
    const list = await t.api('GET', '/api/alerts/rules');
    expect(list.status).toBe(200);
    expect(list.json.rules[0].channels[1]).toEqual({
      kind: 'dingtalk',
      host: rx.host,
      hasSecret: true,
      format: 'markdown',
      locale: 'zh-CN',
    });
    for (const secret of [
      'wecom-key-1',
      'ding-token-1',
      'feishu-hook-1',
      DING_SECRET,
      FEISHU_SECRET,
      HOOK_SECRET,
    ]) {
      expect(list.text).not.toContain(secret);
    }
  });
});
