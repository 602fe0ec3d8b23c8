import { createHash } from 'node:crypto';
import { encodeText } from '../wire/charset.ts';

/**
 * Sorts the characters of `text` the way `Array.from(text).sort().join('')` does, but faster for the
 * mostly-ASCII strings of the gateway: ASCII characters are counted into buckets (they sort before
 * every other character anyway) and only the rest goes through a real sort.
 */
function sortCharacters(text: string): string {
  const counts = new Uint32Array(128);
  const others: string[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 128) counts[code]! += 1;
    else others.push(char);
  }
  let sorted = '';
  for (let code = 0; code < 128; code += 1) {
    const count = counts[code]!;
    if (count > 0) sorted += String.fromCharCode(code).repeat(count);
  }
  return others.length > 0 ? sorted + others.sort().join('') : sorted;
}

/**
 * Signs an already serialised string: sort its characters, append the secret, MD5 over the bytes of
 * that string in `charset` (the charset of the message, default UTF-8: MD5 over GBK bytes differs for
 * any Chinese text), lowercase hex. Gateway responses sign their `result` string this way.
 */
export function signString(text: string, secret: string, charset = 'utf-8'): string {
  const canonical = sortCharacters(text) + secret;
  const hash = createHash('md5');
  if (charset === 'utf-8') hash.update(canonical, 'utf8');
  else hash.update(encodeText(canonical, charset, 'string to sign'));
  return hash.digest('hex');
}

/**
 * Signs a request, response or callback object with the card-platform scheme: remove `sign`,
 * serialise compactly (JSON.stringify leaves non-ASCII and `/` unescaped, as the suppliers expect),
 * then {@link signString}. Sorting the characters makes the key order irrelevant.
 */
export function signPayload(payload: Record<string, unknown>, secret: string, charset = 'utf-8'): string {
  const { sign: _ignored, ...rest } = payload;
  return signString(JSON.stringify(rest), secret, charset);
}

/** Whether `payload.sign` is the signature of `payload` under `secret`, over its bytes in `charset`. */
export function verifyPayload(payload: Record<string, unknown>, secret: string, charset = 'utf-8'): boolean {
  return (
    typeof payload.sign === 'string' && payload.sign.toLowerCase() === signPayload(payload, secret, charset)
  );
}
