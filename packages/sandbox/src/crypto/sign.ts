import { createHash } from 'node:crypto';

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
 * Signs an already serialised string: sort its characters, append the secret, MD5, lowercase hex.
 * Gateway responses sign their `result` string this way.
 */
export function signString(text: string, secret: string): string {
  return createHash('md5')
    .update(sortCharacters(text) + secret, 'utf8')
    .digest('hex');
}

/**
 * Signs a request, response or callback object with the card-platform scheme: remove `sign`,
 * serialise compactly (JSON.stringify leaves non-ASCII and `/` unescaped, as the suppliers expect),
 * then {@link signString}. Sorting the characters makes the key order irrelevant.
 */
export function signPayload(payload: Record<string, unknown>, secret: string): string {
  const { sign: _ignored, ...rest } = payload;
  return signString(JSON.stringify(rest), secret);
}

/** Whether `payload.sign` is the signature of `payload` under `secret`. */
export function verifyPayload(payload: Record<string, unknown>, secret: string): boolean {
  return typeof payload.sign === 'string' && payload.sign.toLowerCase() === signPayload(payload, secret);
}
