import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { wireFormatError } from './wire-format-errors.ts';

// Bytes become text only here. Decoding is fatal (WHATWG TextDecoder, full ICU: utf-8, gbk, gb18030,
// gb2312, big5, shift_jis, …) so an invalid byte is an error naming its offset, never U+FFFD in a
// value. Encoding goes through iconv-lite and is checked by a round trip, because iconv-lite writes
// "?" for a character the charset lacks.

/** Where the bytes or text come from, for error messages, e.g. "the response body". */
export interface CharsetContext {
  what?: string;
}

const DEFAULT_WHAT = 'the body';

/**
 * The charset named by a Content-Type header (`text/xml; charset="GBK"` → `gbk`), lower-cased and
 * unquoted; undefined when there is none.
 */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return match?.[2]?.toLowerCase();
}

/** A Content-Type naming `charset` (replacing the charset it named, if any). */
export function contentTypeWithCharset(contentType: string, charset: string): string {
  return `${contentType.replace(/;\s*charset\s*=\s*("?)[^";\s]*\1/i, '')}; charset=${charset}`;
}

/** Whether `charset` can be both decoded and encoded. */
export function isKnownCharset(charset: string): boolean {
  return decoderFor(charset, DEFAULT_WHAT, false) !== undefined && iconv.encodingExists(charset);
}

/**
 * Decodes `bytes` in `charset` (default utf-8; a UTF-8 byte-order mark is dropped). Fails with
 * `JX_UNSUPPORTED_CHARSET` for a charset it does not know and `JX_BODY_MALFORMED` with the byte
 * offset of the first byte that is not valid in it.
 */
export function decodeText(bytes: Uint8Array, charset = 'utf-8', context: CharsetContext = {}): string {
  const what = context.what ?? DEFAULT_WHAT;
  const decoder = decoderFor(charset, what, true) as TextDecoder;
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw wireFormatError(
      'JX_BODY_MALFORMED',
      { what, charset: decoder.encoding, offset: firstInvalidOffset(bytes, decoder.encoding) },
      { cause: error },
    );
  }
}

/**
 * Encodes `text` in `charset` (default utf-8). Fails with `JX_UNSUPPORTED_CHARSET` for an unknown
 * charset and `JX_CHARSET_UNENCODABLE` with the index of the first character the charset lacks.
 */
export function encodeText(text: string, charset = 'utf-8', context: CharsetContext = {}): Buffer {
  const what = context.what ?? DEFAULT_WHAT;
  if (isUtf8(charset)) return Buffer.from(text, 'utf8');
  if (!iconv.encodingExists(charset)) throw wireFormatError('JX_UNSUPPORTED_CHARSET', { what, charset });
  const bytes = iconv.encode(text, charset);
  if (iconv.decode(bytes, charset) !== text) {
    throw wireFormatError('JX_CHARSET_UNENCODABLE', {
      what,
      charset,
      index: firstUnencodable(text, charset),
    });
  }
  return bytes;
}

/** Whether `charset` names UTF-8 (the default everywhere). */
export function isUtf8(charset: string | undefined): boolean {
  return charset === undefined || /^utf-?8$/i.test(charset) || /^unicode-1-1-utf-8$/i.test(charset);
}

function decoderFor(charset: string, what: string, required: boolean): TextDecoder | undefined {
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    if (required) throw wireFormatError('JX_UNSUPPORTED_CHARSET', { what, charset });
    return undefined;
  }
}

/**
 * The offset where the first undecodable sequence starts: the smallest prefix a streaming decoder
 * refuses ends inside it, and the sequence starts after the longest complete prefix before that.
 */
function firstInvalidOffset(bytes: Uint8Array, encoding: string): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (prefixDecodes(bytes, encoding, middle + 1, true)) low = middle + 1;
    else high = middle;
  }
  let start = low;
  while (start > 0 && !prefixDecodes(bytes, encoding, start, false)) start--;
  return start;
}

function prefixDecodes(bytes: Uint8Array, encoding: string, length: number, stream: boolean): boolean {
  try {
    // stream: true holds back an incomplete trailing sequence instead of refusing it.
    new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, length), { stream });
    return true;
  } catch {
    return false;
  }
}

function firstUnencodable(text: string, charset: string): number {
  let index = 0;
  for (const character of text) {
    if (iconv.decode(iconv.encode(character, charset), charset) !== character) return index;
    index += character.length;
  }
  return index;
}
