import { JunctionError } from '@junction/runtime';
import iconv from 'iconv-lite';

/** The `charset` parameter of a Content-Type header, lower-case and unquoted; `undefined` when absent. */
export function charsetParameter(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return match?.[2]?.toLowerCase();
}

/**
 * The WHATWG name of a charset label (`gb2312` → `gbk`, `UTF8` → `utf-8`) when the sandbox can both
 * decode it (TextDecoder, full ICU) and encode it (iconv-lite); `undefined` otherwise.
 */
export function resolveCharset(label: string): string | undefined {
  let name: string;
  try {
    name = new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
  return iconv.encodingExists(name) ? name : undefined;
}

/**
 * The offset where the first invalid byte sequence starts: a binary search for the longest prefix
 * that decodes in streaming mode (no invalid sequence ends inside it), then back to the last
 * character boundary before it.
 */
function firstBadByte(bytes: Uint8Array, charset: string): number {
  const decodes = (length: number, stream: boolean) => {
    try {
      new TextDecoder(charset, { fatal: true }).decode(bytes.subarray(0, length), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = (good + bad) >>> 1;
    if (decodes(middle, true)) good = middle;
    else bad = middle;
  }
  // No charset here has characters longer than four bytes.
  for (let boundary = good; boundary > Math.max(0, good - 4); boundary -= 1) {
    if (decodes(boundary, false)) return boundary;
  }
  return Math.max(0, good - 4);
}

/**
 * Decodes bytes strictly: a byte sequence that is not valid in `charset` throws
 * `JX_SANDBOX_BODY_UNDECODABLE` naming `what` and the byte offset — never a U+FFFD in a value.
 */
export function decodeText(bytes: Uint8Array, charset: string, what: string): string {
  try {
    return new TextDecoder(charset, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    const offset = firstBadByte(bytes, charset);
    throw new JunctionError(
      'JX_SANDBOX_BODY_UNDECODABLE',
      `The ${what} is not valid ${charset}: bad bytes at offset ${offset}.`,
      { what, charset, offset },
      { cause: error },
    );
  }
}

/**
 * Encodes text in `charset`. A character the charset cannot hold (an emoji in GBK) throws
 * `JX_SANDBOX_CHARSET_UNMAPPABLE` instead of becoming `?` on the wire.
 */
export function encodeText(text: string, charset: string, what: string): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes = iconv.encode(text, charset);
  if (iconv.decode(bytes, charset) !== text) {
    throw new JunctionError(
      'JX_SANDBOX_CHARSET_UNMAPPABLE',
      `The ${what} has characters that ${charset} cannot encode.`,
      { what, charset },
    );
  }
  return bytes;
}
