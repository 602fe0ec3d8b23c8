import { createHmac } from 'node:crypto';

/**
 * Feishu/Lark custom bot signature verification ("签名校验"): `timestamp + "\n" + secret` is the
 * HMAC-SHA256 *key* over an empty message (timestamp in epoch seconds), Base64; `timestamp` (a string)
 * and `sign` go in the JSON body beside `msg_type` and `content`.
 * https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (section "Signature verification")
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}
