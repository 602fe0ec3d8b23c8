import { alertErrors } from './alert-errors.ts';
import type { ChannelKind } from './alert-types.ts';

/**
 * The documented webhook addresses of each robot; a channel URL must start with one of them, so a
 * rule can never make the server post to an arbitrary host under a robot's name.
 * WeCom: https://developer.work.weixin.qq.com/document/path/91770 — DingTalk:
 * https://open.dingtalk.com/document/robots/custom-robot-access — Feishu/Lark:
 * https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 */
export const OFFICIAL_BASES: Record<ChannelKind, readonly string[]> = {
  wecom: ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?'],
  dingtalk: ['https://oapi.dingtalk.com/robot/send?'],
  feishu: [
    'https://open.feishu.cn/open-apis/bot/v2/hook/',
    'https://open.larksuite.com/open-apis/bot/v2/hook/',
  ],
  // The generic webhook is the merchant's own endpoint: any HTTPS URL (the egress policy still
  // refuses private addresses unless they are allowed).
  webhook: ['https://'],
};

/**
 * Checks a channel URL: it starts with the kind's documented base, or with one of `extraBases` —
 * the explicit `alerts.channelBaseUrls` setting (`--alert-channel-base-url`) for tests and
 * self-hosted robot proxies. Throws `JX_ALERT_CHANNEL_URL_INVALID`.
 */
export function checkChannelUrl(
  index: number,
  kind: ChannelKind,
  url: string,
  extraBases: readonly string[] = [],
): URL {
  const bases = [...OFFICIAL_BASES[kind], ...extraBases];
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.username || parsed.password || !bases.some((base) => url.startsWith(base))) {
    throw alertErrors.channelUrlInvalid(index, kind, bases.join(' or '));
  }
  return parsed;
}
