import { createHmac } from 'node:crypto';

/**
 * DingTalk custom robot "加签" (sign) security setting: the string to sign is
 * `timestamp + "\n" + secret` (timestamp in epoch ms, within an hour of DingTalk's clock), HMAC-SHA256
 * keyed with the secret, Base64, then URL-encoded into the `sign` query parameter beside `timestamp`.
 * https://open.dingtalk.com/document/robots/customize-robot-security-settings
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The robot URL with `timestamp` and `sign` appended (URLSearchParams does the URL-encoding). */
export function signDingTalkUrl(url: string, secret: string, timestampMs: number): string {
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', dingTalkSign(secret, timestampMs));
  return signed.toString();
}
