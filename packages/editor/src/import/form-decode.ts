/**
 * Decodes an `application/x-www-form-urlencoded` string in `charset` (percent escapes are bytes of that
 * charset, `+` is a space). Returns the pairs in order, or undefined when the text is not form-encoded
 * (a part without a name, an invalid escape, bytes invalid in the charset).
 */
export function decodeForm(text: string, charset = 'utf-8'): [string, string][] | undefined {
  if (!text) return [];
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq), charset);
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1), charset);
    if (!name || value === undefined) return undefined;
    pairs.push([name, value]);
  }
  return pairs;
}

function decodeComponent(text: string, charset: string): string | undefined {
  if (/%(?![0-9a-fA-F]{2})/.test(text) || /[\s{}"<>]/.test(text)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '%') {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') bytes.push(0x20);
    else bytes.push(...new TextEncoder().encode(c));
  }
  try {
    return new TextDecoder(charset, { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}
