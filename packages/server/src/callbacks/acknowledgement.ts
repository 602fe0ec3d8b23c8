import type { Json } from '@junction/runtime';

/** An HTTP answer to a callback. */
export interface Acknowledgement {
  status: number;
  contentType: string;
  body: string;
}

/**
 * The configured acknowledgement (or refusal) as an HTTP answer. A string (e.g. `success`, what card
 * platforms expect) is sent as text/plain with `status`; `{status?, contentType?, body}` is
 * honoured; anything else is JSON.
 */
export function toAcknowledgement(ack: Json | undefined, status = 200): Acknowledgement {
  if (ack === undefined || ack === null)
    return { status, contentType: 'text/plain; charset=utf-8', body: 'success' };
  if (typeof ack === 'string') return { status, contentType: 'text/plain; charset=utf-8', body: ack };
  if (typeof ack === 'object' && !Array.isArray(ack) && 'body' in ack) {
    status = typeof ack.status === 'number' ? ack.status : status;
    const body = ack.body ?? '';
    if (typeof body === 'string') {
      const contentType = typeof ack.contentType === 'string' ? ack.contentType : 'text/plain; charset=utf-8';
      return { status, contentType, body };
    }
    return { status, contentType: 'application/json', body: JSON.stringify(body) };
  }
  return { status, contentType: 'application/json', body: JSON.stringify(ack) };
}
