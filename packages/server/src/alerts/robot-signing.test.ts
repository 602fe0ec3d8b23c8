import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingTalkSign, signDingTalkUrl } from './sign-dingtalk.ts';
import { feishuSign } from './sign-feishu.ts';
import { webhookSignature } from './sign-webhook.ts';

// Known answers computed here with node:crypto, step by step as each platform documents it.
describe('robot signatures', () => {
  const secret = 'SEC000000000000000000000000000000000000000000000000000000000000';

  it('signs DingTalk: HMAC-SHA256(key=secret, "<ms>\\n<secret>"), Base64, URL-encoded in the query', () => {
    const ts = 1_700_000_000_123;
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(Buffer.from(`${ts}\n${secret}`, 'utf8'))
      .digest()
      .toString('base64');
    expect(dingTalkSign(secret, ts)).toBe(expected);
    const url = new URL(signDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, ts));
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(String(ts));
    expect(url.searchParams.get('sign')).toBe(expected);
    // Base64's + / = are percent-encoded on the wire, as the documented urlEncode step does.
    const raw = url.search.split('sign=')[1] ?? '';
    expect(raw).toBe(encodeURIComponent(expected).replace(/%20/g, '+'));
    expect(raw).not.toMatch(/[+/=]/);
  });

  it('signs Feishu: HMAC-SHA256(key="<s>\\n<secret>") over an empty message, Base64', () => {
    const ts = 1_700_000_000;
    const expected = createHmac('sha256', Buffer.from(`${ts}\n${secret}`, 'utf8'))
      .update(Buffer.alloc(0))
      .digest('base64');
    expect(feishuSign(secret, ts)).toBe(expected);
    // Not the DingTalk construction (key and message swapped).
    expect(feishuSign(secret, ts)).not.toBe(dingTalkSign(secret, ts));
  });

  it('signs the generic webhook over "<timestamp>.<body>" in lowercase hex', () => {
    const body = '{"event":"firing"}';
    const expected = createHmac('sha256', 'k').update(`1700000000.${body}`).digest('hex');
    expect(webhookSignature('k', 1_700_000_000, body)).toBe(`sha256=${expected}`);
  });
});
