import { contentTypeWithCharset, encodeText, jsonToXml } from '@junction/nodes';
import type { Json } from '@junction/runtime';

/** An HTTP answer to a callback, its body as the bytes to send. */
export interface Acknowledgement {
  status: number;
  contentType: string;
  body: Buffer;
}

const TEXT = 'text/plain; charset=utf-8';

/**
 * The configured acknowledgement (or refusal) as an HTTP answer. A string (e.g. `success`, what card
 * platforms expect) is sent as text/plain with `status`. `{status?, contentType?, body, format?, root?,
 * charset?}` is honoured: a text body is sent as text; a JSON body as JSON, or with `format: 'xml'` as
 * XML under `root` (default `xml`) with strings as CDATA —
 * `{format: 'xml', body: {return_code: 'SUCCESS'}}` answers
 * `<xml><return_code><![CDATA[SUCCESS]]></return_code></xml>` as application/xml. `charset` (e.g.
 * `gbk`) encodes any of them and is named in the Content-Type. Anything else is JSON.
 */
export function toAcknowledgement(ack: Json | undefined, status = 200): Acknowledgement {
  if (ack === undefined || ack === null) return answer(status, TEXT, 'success');
  if (typeof ack === 'string') return answer(status, TEXT, ack);
  if (typeof ack === 'object' && !Array.isArray(ack) && 'body' in ack) {
    status = typeof ack.status === 'number' ? ack.status : status;
    const given = typeof ack.contentType === 'string' && ack.contentType !== '' ? ack.contentType : undefined;
    const charset = typeof ack.charset === 'string' && ack.charset !== '' ? ack.charset : undefined;
    const body = ack.body ?? '';
    let contentType: string;
    let text: string;
    if (typeof body === 'string') [contentType, text] = [given ?? TEXT, body];
    else if (ack.format === 'xml') {
      const root = typeof ack.root === 'string' && ack.root !== '' ? ack.root : 'xml';
      [contentType, text] = [
        given ?? 'application/xml',
        jsonToXml(body, { root, cdata: true, what: 'the acknowledgement' }),
      ];
    } else [contentType, text] = [given ?? 'application/json', JSON.stringify(body)];
    return answer(
      status,
      charset ? contentTypeWithCharset(contentType, charset) : contentType,
      text,
      charset,
    );
  }
  return answer(status, 'application/json', JSON.stringify(ack));
}

function answer(status: number, contentType: string, text: string, charset?: string): Acknowledgement {
  return { status, contentType, body: encodeText(text, charset, { what: 'the acknowledgement' }) };
}
