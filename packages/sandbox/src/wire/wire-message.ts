import { JunctionError } from '@junction/runtime';
import { charsetParameter, decodeText, encodeText, resolveCharset } from './charset.ts';
import type { SandboxFormat, WireFormat } from './wire-format.ts';
import { fieldsToXml, type XmlFields, xmlToFields } from './xml-fields.ts';

/** A message ready for the wire. */
export interface EncodedMessage {
  bytes: Buffer;
  contentType: string;
}

/** A message read off the wire: its value and the format and charset it came in. */
export interface DecodedMessage {
  /** The parsed JSON value, or the fields under the XML root element. */
  value: unknown;
  format: SandboxFormat;
  /** WHATWG name of the charset the bytes were decoded with (`utf-8`, `gbk`, `gb18030`, `big5`…). */
  charset: string;
}

/** The Content-Type the sandbox sends for a wire format, e.g. `text/xml; charset=GBK`. */
export function contentTypeOf(wire: WireFormat): string {
  const media = wire.format === 'xml' ? 'text/xml' : 'application/json';
  return `${media}; charset=${wire.charset === 'gbk' ? 'GBK' : 'utf-8'}`;
}

/** Writes fields as JSON or XML in the wire's charset. */
export function encodeMessage(fields: XmlFields, wire: WireFormat, what = 'message'): EncodedMessage {
  const text = wire.format === 'xml' ? fieldsToXml(fields) : JSON.stringify(fields);
  return { bytes: encodeText(text, wire.charset, what), contentType: contentTypeOf(wire) };
}

/** `<?xml … encoding="GBK"?>`: where XML without a charset parameter says its own encoding. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  return /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
}

/**
 * Reads a body by its Content-Type: XML when the media type names XML, JSON otherwise; the charset
 * from the `charset` parameter (for XML, else its declaration), UTF-8 when neither says. Throws
 * `JX_SANDBOX_CHARSET_UNKNOWN`, `JX_SANDBOX_BODY_UNDECODABLE`, `JX_SANDBOX_XML_MALFORMED` or
 * `JX_SANDBOX_JSON_MALFORMED`.
 */
export function decodeMessage(
  bytes: Uint8Array,
  contentType: string | undefined,
  what: string,
): DecodedMessage {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const format: SandboxFormat = /(^|[/+])xml$/.test(media) ? 'xml' : 'json';
  const label =
    charsetParameter(contentType) ?? (format === 'xml' ? declaredEncoding(bytes) : undefined) ?? 'utf-8';
  const charset = resolveCharset(label);
  if (charset === undefined) {
    throw new JunctionError(
      'JX_SANDBOX_CHARSET_UNKNOWN',
      `The ${what} declares the charset "${label}", which the sandbox does not know; use utf-8 or gbk.`,
      { what, charset: label },
    );
  }
  const text = decodeText(bytes, charset, what);
  if (format === 'xml') return { value: xmlToFields(text, what), format, charset };
  try {
    return { value: JSON.parse(text), format, charset };
  } catch (error) {
    throw new JunctionError(
      'JX_SANDBOX_JSON_MALFORMED',
      `The ${what} is not valid JSON.`,
      { what },
      { cause: error },
    );
  }
}
