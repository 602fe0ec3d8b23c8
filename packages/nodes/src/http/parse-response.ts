import { type Json, JunctionError } from '@junction/runtime';
import { readInBodyCharset } from '../wire-format/body-charset.ts';
import { charsetOf, decodeText } from '../wire-format/charset.ts';
import { xmlToJson } from '../wire-format/xml.ts';
import type { WireResponse } from './http-transport.ts';

/** How a response body is read. */
export type ResponseType = 'auto' | 'json' | 'text' | 'xml';

/** Options of {@link parseResponseBody}. */
export interface ParseResponseOptions {
  /** The charset to decode the bytes in, whatever the Content-Type says (for mislabelled suppliers). */
  charset?: string;
  /** The signing credential's charset: used where the Content-Type names none or mislabels GBK as UTF-8. */
  credentialCharset?: string;
}

const WHAT = 'the response body';
const XML_TYPE = /^\s*(?:text\/xml|application\/xml|[\w.+-]+\/[\w.-]+\+xml)\s*(?:;|$)/i;

/**
 * Parses the body. Its bytes are decoded in `options.charset`, else the Content-Type's charset, else
 * the credential's, else utf-8 (the order of `readInBodyCharset`, where a body labelled UTF-8 that is
 * not is read in the credential's charset) — fatally: invalid bytes are `JX_BODY_MALFORMED` with their offset, an unknown charset
 * `JX_UNSUPPORTED_CHARSET`. Then `json` insists (coded error on bad JSON), `xml` maps XML to JSON (see
 * `wire-format/xml.ts`; malformed XML is `JX_XML_MALFORMED` with line and column), `text` keeps the string,
 * and `auto` parses XML when the Content-Type is text/xml, application/xml or *\/*+xml, JSON when it says
 * JSON (or the body looks like JSON), and keeps text otherwise; for an error status, an `auto` body that
 * does not parse is kept as text so the status error shows it.
 */
export function parseResponseBody(
  response: WireResponse,
  type: ResponseType,
  options: ParseResponseOptions = {},
): Json {
  const contentType = response.headers['content-type'] ?? '';
  if (response.bytes.length === 0) return type === 'json' || type === 'xml' ? null : '';
  const charsets = {
    ...(options.charset ? { override: options.charset } : {}),
    ...(charsetOf(contentType) ? { declared: charsetOf(contentType) } : {}),
    ...(options.credentialCharset ? { credential: options.credentialCharset } : {}),
  };
  const text = readInBodyCharset(charsets, (charset) => decodeText(response.bytes, charset, { what: WHAT }));
  if (type === 'text') return text;
  const failed = response.status < 200 || response.status > 299;
  if (type === 'xml' || (type === 'auto' && XML_TYPE.test(contentType))) {
    try {
      return xmlToJson(text, { what: WHAT });
    } catch (error) {
      if (type === 'auto' && failed) return text;
      throw error;
    }
  }
  const looksJson = /[/+]json\b/i.test(contentType) || /^\s*[[{]/.test(text);
  if (type === 'auto' && !looksJson) return text;
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    if (type === 'auto') return text;
    throw new JunctionError(
      'JX_HTTP_BAD_RESPONSE',
      `The response is not valid JSON (status ${response.status}); set the response type to text or auto.`,
      { status: response.status, bodyStart: text.slice(0, 200) },
      { cause: error },
    );
  }
}
