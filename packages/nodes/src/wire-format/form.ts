import type { Json } from '@junction/runtime';
import { type CharsetContext, decodeText, encodeText, isUtf8 } from './charset.ts';

// `application/x-www-form-urlencoded` in any charset: percent-escapes stand for bytes of the form's
// charset (URLSearchParams assumes UTF-8, which corrupts a GBK form). The delimiters `&`, `=`, `+` and
// `%` are ASCII bytes that no GBK, GB18030, Big5 or Shift_JIS trail byte can be, so splitting the bytes
// before decoding is safe, and raw (unescaped) multibyte values are read too.

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PLUS = 0x2b;
const PERCENT = 0x25;
const UNRESERVED = /[A-Za-z0-9*\-._]/;

/**
 * Reads form fields from the bytes of a body in `charset` (default utf-8); a repeated name keeps its
 * last value, as URLSearchParams → Object.fromEntries does. Invalid bytes are `JX_BODY_MALFORMED`.
 */
export function parseForm(
  bytes: Uint8Array,
  charset = 'utf-8',
  context: CharsetContext = {},
): Record<string, string> {
  const fields: Record<string, string> = {};
  let start = 0;
  for (let index = 0; index <= bytes.length; index++) {
    if (index < bytes.length && bytes[index] !== AMPERSAND) continue;
    if (index > start) {
      const pair = bytes.subarray(start, index);
      const equals = pair.indexOf(EQUALS);
      const name = equals < 0 ? pair : pair.subarray(0, equals);
      const value = equals < 0 ? new Uint8Array() : pair.subarray(equals + 1);
      fields[decodeText(unescapeBytes(name), charset, context)] = decodeText(
        unescapeBytes(value),
        charset,
        context,
      );
    }
    start = index + 1;
  }
  return fields;
}

/**
 * Writes form fields as `application/x-www-form-urlencoded` text whose escapes are bytes of `charset`
 * (default utf-8): nested values as compact JSON, null as empty. A character the charset lacks is
 * `JX_CHARSET_UNENCODABLE`.
 */
export function formatForm(
  fields: Record<string, Json>,
  charset = 'utf-8',
  context: CharsetContext = {},
): string {
  const text = (value: Json) =>
    value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (isUtf8(charset)) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) params.append(key, text(value));
    return params.toString();
  }
  return Object.entries(fields)
    .map(
      ([key, value]) => `${escapeText(key, charset, context)}=${escapeText(text(value), charset, context)}`,
    )
    .join('&');
}

function escapeText(text: string, charset: string, context: CharsetContext): string {
  let out = '';
  for (const byte of encodeText(text, charset, context)) {
    const character = String.fromCharCode(byte);
    if (byte < 0x80 && UNRESERVED.test(character)) out += character;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function unescapeBytes(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(PERCENT) && !bytes.includes(PLUS)) return bytes;
  const out: number[] = [];
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if (byte === PLUS) out.push(0x20);
    else if (byte === PERCENT && isHex(bytes[index + 1]) && isHex(bytes[index + 2])) {
      out.push(
        Number.parseInt(String.fromCharCode(bytes[index + 1] as number, bytes[index + 2] as number), 16),
      );
      index += 2;
    } else out.push(byte);
  }
  return Uint8Array.from(out);
}

function isHex(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}
