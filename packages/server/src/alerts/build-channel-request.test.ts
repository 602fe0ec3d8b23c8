import { describe, expect, it } from 'vitest';
import { buildChannelRequest, channelRefusal } from './build-channel-request.ts';
import { checkChannelUrl } from './channel-url.ts';
import { formatAlertMessage, formatUtc8 } from './format-alert-message.ts';

const at = Date.UTC(2026, 0, 2, 16, 30, 0); // 2026-01-03 00:30:00 in UTC+8
const facts = {
  type: 'firing' as const,
  rule: { name: '下单失败率', kind: 'failure-rate' as const, threshold: 20, windowMs: 900_000 },
  subjectName: 'Create order',
  value: 33.333,
  runs: 12,
  at,
  link: 'https://junction.example.com/?flow=orders&view=runs',
};
const webhookFacts = {
  ruleId: 'r1',
  ruleName: 'x',
  kind: 'failure-rate',
  subject: 'orders',
  value: 33.333,
  threshold: 20,
  at,
};

describe('alert messages', () => {
  it('say the flow, value, threshold, UTC+8 time and link, in Chinese or English', () => {
    expect(formatUtc8(at)).toBe('2026-01-03 00:30:00');
    const zh = formatAlertMessage(facts, 'zh-CN');
    expect(zh.title).toBe('【告警】下单失败率');
    expect(zh.lines).toEqual([
      '流程 Create order：最近 15 分钟 失败率 33.33%（共 12 次已结束的运行），阈值 20%。',
      '时间：2026-01-03 00:30:00（北京时间）',
      `运行记录：${facts.link}`,
    ]);
    const en = formatAlertMessage({ ...facts, type: 'resolved', value: null }, 'en');
    expect(en.title).toBe('[Resolved] 下单失败率');
    expect(en.lines[0]).toBe('Create order is back to normal (threshold 20).');
  });
});

describe('channel requests', () => {
  const message = formatAlertMessage(facts, 'zh-CN');

  it('shape WeCom markdown and text', () => {
    const md = JSON.parse(
      buildChannelRequest({ kind: 'wecom', url: 'https://x/?key=k' }, message, webhookFacts, at).body,
    );
    expect(md.msgtype).toBe('markdown');
    expect(md.markdown.content).toContain('### 【告警】下单失败率');
    expect(md.markdown.content).toContain(`[${facts.link}](${facts.link})`);
    const text = JSON.parse(
      buildChannelRequest(
        { kind: 'wecom', url: 'https://x/?key=k', format: 'text' },
        message,
        webhookFacts,
        at,
      ).body,
    );
    expect(text).toEqual({
      msgtype: 'text',
      text: { content: ['【告警】下单失败率', ...message.lines].join('\n') },
    });
  });

  it('shape DingTalk markdown with a title, and Feishu post with a link element', () => {
    const ding = JSON.parse(
      buildChannelRequest({ kind: 'dingtalk', url: 'https://x/?access_token=t' }, message, webhookFacts, at)
        .body,
    );
    expect(ding).toMatchObject({ msgtype: 'markdown', markdown: { title: '【告警】下单失败率' } });
    const feishu = JSON.parse(
      buildChannelRequest({ kind: 'feishu', url: 'https://x/h' }, message, webhookFacts, at).body,
    );
    expect(feishu.msg_type).toBe('post');
    expect(feishu.timestamp).toBeUndefined();
    expect(feishu.content.post.zh_cn.title).toBe('【告警】下单失败率');
    expect(feishu.content.post.zh_cn.content.at(-1)).toEqual([
      { tag: 'text', text: '运行记录：' },
      { tag: 'a', text: facts.link, href: facts.link },
    ]);
  });

  it('read the robots answers: errcode / code 0 only', () => {
    expect(channelRefusal('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toBeUndefined();
    expect(channelRefusal('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toBe(
      '310000 sign not match',
    );
    expect(channelRefusal('feishu', 200, '{"code":19021,"msg":"sign match fail"}')).toBe(
      '19021 sign match fail',
    );
    expect(channelRefusal('feishu', 200, '{"StatusCode":0}')).toBeUndefined();
    expect(channelRefusal('webhook', 204, '')).toBeUndefined();
    expect(channelRefusal('webhook', 503, '')).toBe('HTTP 503');
  });
});

describe('channel URLs', () => {
  it('accept the documented robot hosts and explicitly allowed prefixes only', () => {
    expect(checkChannelUrl(0, 'wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc').host).toBe(
      'qyapi.weixin.qq.com',
    );
    expect(() => checkChannelUrl(0, 'wecom', 'https://evil.example/cgi-bin/webhook/send?key=abc')).toThrow(
      expect.objectContaining({ code: 'JX_ALERT_CHANNEL_URL_INVALID' }),
    );
    expect(() =>
      checkChannelUrl(1, 'dingtalk', 'http://oapi.dingtalk.com/robot/send?access_token=t'),
    ).toThrow(
      expect.objectContaining({
        code: 'JX_ALERT_CHANNEL_URL_INVALID',
        details: expect.objectContaining({ position: 2 }),
      }),
    );
    expect(() => checkChannelUrl(0, 'webhook', 'http://127.0.0.1:9/hook')).toThrow();
    expect(checkChannelUrl(0, 'webhook', 'http://127.0.0.1:9/hook', ['http://127.0.0.1:9/']).port).toBe('9');
    expect(() =>
      checkChannelUrl(0, 'feishu', 'https://user:pw@open.feishu.cn/open-apis/bot/v2/hook/x'),
    ).toThrow();
  });
});
