import { createHmac } from 'node:crypto';

/** Header carrying the generic webhook's signature: `sha256=<hex HMAC of "<timestamp>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-junction-signature';
/** Header carrying the epoch-seconds timestamp that was signed (receivers refuse stale ones). */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-junction-timestamp';

/**
 * The generic webhook's signature, in the style of Stripe's and GitHub's: HMAC-SHA256 keyed with the
 * channel secret over `<timestamp>.<raw body>`, lowercase hex, prefixed `sha256=`. Signing the
 * timestamp with the body lets a receiver refuse replays.
 */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex')}`;
}
