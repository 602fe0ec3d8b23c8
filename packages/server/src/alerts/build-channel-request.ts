import type { ChannelInput } from './alert-types.ts';
import type { AlertMessage } from './format-alert-message.ts';
import { signDingTalkUrl } from './sign-dingtalk.ts';
import { feishuSign } from './sign-feishu.ts';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, webhookSignature } from './sign-webhook.ts';

/** One HTTP POST to a channel. */
export interface ChannelRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Facts the generic webhook's JSON carries besides the texts. */
export interface WebhookFacts {
  ruleId: string;
  ruleName: string;
  kind: string;
  subject: string;
  value: number | null;
  threshold: number;
  at: number;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function markdownOf(message: AlertMessage): string {
  const lines = message.lines.map((line) =>
    message.link && line.endsWith(message.link)
      ? line.replace(message.link, `[${message.link}](${message.link})`)
      : line,
  );
  return [`### ${message.title}`, ...lines].join('\n\n');
}

const textOf = (message: AlertMessage) => [message.title, ...message.lines].join('\n');

/**
 * The request a channel receives for a message, in the platform's documented shape:
 * - WeCom group robot: `{msgtype: "markdown", markdown: {content}}` or `{msgtype: "text", text: {content}}`
 *   (https://developer.work.weixin.qq.com/document/path/91770);
 * - DingTalk custom robot: `{msgtype: "markdown", markdown: {title, text}}` or `{msgtype: "text", text: {content}}`,
 *   signed in the query (https://open.dingtalk.com/document/robots/custom-robot-access);
 * - Feishu/Lark custom bot: `{msg_type: "post", content: {post: {zh_cn: {title, content}}}}` or
 *   `{msg_type: "text", content: {text}}`, signed in the body
 *   (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot);
 * - generic webhook: the facts as JSON, HMAC-signed in headers when the channel has a secret.
 */
export function buildChannelRequest(
  channel: ChannelInput,
  message: AlertMessage,
  facts: WebhookFacts,
  now: number,
): ChannelRequest {
  const markdown = (channel.format ?? 'markdown') === 'markdown';
  switch (channel.kind) {
    case 'wecom':
      return {
        url: channel.url,
        headers: JSON_HEADERS,
        body: JSON.stringify(
          markdown
            ? { msgtype: 'markdown', markdown: { content: markdownOf(message) } }
            : { msgtype: 'text', text: { content: textOf(message) } },
        ),
      };
    case 'dingtalk':
      return {
        url: channel.secret ? signDingTalkUrl(channel.url, channel.secret, now) : channel.url,
        headers: JSON_HEADERS,
        body: JSON.stringify(
          markdown
            ? { msgtype: 'markdown', markdown: { title: message.title, text: markdownOf(message) } }
            : { msgtype: 'text', text: { content: textOf(message) } },
        ),
      };
    case 'feishu': {
      const seconds = Math.floor(now / 1000);
      const signature = channel.secret
        ? { timestamp: String(seconds), sign: feishuSign(channel.secret, seconds) }
        : {};
      const language = (channel.locale ?? 'zh-CN') === 'zh-CN' ? 'zh_cn' : 'en_us';
      const content = markdown
        ? {
            post: {
              [language]: {
                title: message.title,
                content: message.lines.map((line) =>
                  message.link && line.endsWith(message.link)
                    ? [
                        { tag: 'text', text: line.slice(0, line.length - message.link.length) },
                        { tag: 'a', text: message.link, href: message.link },
                      ]
                    : [{ tag: 'text', text: line }],
                ),
              },
            },
          }
        : { text: textOf(message) };
      return {
        url: channel.url,
        headers: JSON_HEADERS,
        body: JSON.stringify({ ...signature, msg_type: markdown ? 'post' : 'text', content }),
      };
    }
    case 'webhook': {
      const body = JSON.stringify({
        event: message.type,
        rule: { id: facts.ruleId, name: facts.ruleName, kind: facts.kind },
        subject: facts.subject,
        value: facts.value,
        threshold: facts.threshold,
        at: new Date(facts.at).toISOString(),
        title: message.title,
        text: textOf(message),
        ...(message.link ? { link: message.link } : {}),
      });
      const seconds = Math.floor(now / 1000);
      const signed: Record<string, string> = channel.secret
        ? {
            [WEBHOOK_TIMESTAMP_HEADER]: String(seconds),
            [WEBHOOK_SIGNATURE_HEADER]: webhookSignature(channel.secret, seconds, body),
          }
        : {};
      return { url: channel.url, headers: { ...JSON_HEADERS, ...signed }, body };
    }
  }
}

/**
 * Whether a channel accepted the message: a 2xx, and for the robots a zero `errcode` (WeCom,
 * DingTalk) or `code` (Feishu; older bots answer `StatusCode`). Returns the refusal text otherwise.
 */
export function channelRefusal(kind: ChannelInput['kind'], status: number, text: string): string | undefined {
  if (status < 200 || status > 299) return text.slice(0, 200) || `HTTP ${status}`;
  if (kind === 'webhook') return undefined;
  let answer: Record<string, unknown> | undefined;
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `not JSON: ${text.slice(0, 100)}`;
  }
  const code = kind === 'feishu' ? (answer.code ?? answer.StatusCode) : answer.errcode;
  if (code === 0) return undefined;
  return `${String(code)} ${String(answer.errmsg ?? answer.msg ?? answer.StatusMessage ?? '')}`.trim();
}
