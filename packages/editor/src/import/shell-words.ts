import { curlError } from './curl-errors.ts';

/** Which shell's quoting a pasted command uses. */
export type ShellDialect = 'bash' | 'cmd';

/** Line and column (1-based) of `offset` in `text`. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { position: offset, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * `cmd` when the text carries Windows cmd.exe escapes (Chrome's "Copy as cURL (cmd)": `^"` quotes and
 * `^` line continuations), `bash` otherwise.
 */
export function detectDialect(text: string): ShellDialect {
  return /\^\r?\n|\^"/.test(text) && !/\\\r?\n/.test(text) ? 'cmd' : 'bash';
}

const ANSI_C: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
};

/** Reads the body of `$'…'` starting after the opening quote; returns the text and the index after the closing quote. */
function ansiC(text: string, start: number): [string, number] {
  let out = '';
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'") return [out, i + 1];
    if (c !== '\\') {
      out += c;
      i += 1;
      continue;
    }
    const next = text[i + 1] ?? '';
    const hex = next === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2)) : null;
    const uni = next === 'u' || next === 'U' ? /^[0-9a-fA-F]{1,8}/.exec(text.slice(i + 2)) : null;
    const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1));
    if (hex) {
      out += String.fromCharCode(Number.parseInt(hex[0], 16));
      i += 2 + hex[0].length;
    } else if (uni) {
      out += String.fromCodePoint(Number.parseInt(uni[0].slice(0, next === 'u' ? 4 : 8), 16));
      i += 2 + uni[0].slice(0, next === 'u' ? 4 : 8).length;
    } else if (oct) {
      out += String.fromCharCode(Number.parseInt(oct[0], 8));
      i += 1 + oct[0].length;
    } else {
      out += ANSI_C[next] ?? next;
      i += 2;
    }
  }
  throw curlError('JX_CURL_UNTERMINATED_QUOTE', { quote: "$'", ...lineColumn(text, start - 2) });
}

/**
 * Splits a POSIX shell command line into words: single quotes, double quotes (with `\` escaping
 * `$ \` " \\` and newline), `$'…'` ANSI-C strings, backslash escapes and backslash-newline continuations.
 * No expansion happens: `$VAR` stays as written. An unclosed quote fails with JX_CURL_UNTERMINATED_QUOTE
 * and the quote's line and column.
 */
export function bashWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const add = (s: string) => {
    word = (word ?? '') + s;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') i += 2;
      else if (next === '\r' && text[i + 2] === '\n') i += 3;
      else {
        add(next ?? '');
        i += 2;
      }
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw curlError('JX_CURL_UNTERMINATED_QUOTE', { quote: "'", ...lineColumn(text, i) });
      add(text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      const [s, next] = ansiC(text, i + 2);
      add(s);
      i = next;
    } else if (c === '"') {
      const open = i;
      let s = '';
      i += 1;
      for (;;) {
        if (i >= text.length)
          throw curlError('JX_CURL_UNTERMINATED_QUOTE', { quote: '"', ...lineColumn(text, open) });
        const d = text[i] as string;
        if (d === '"') break;
        if (d === '\\' && '$`"\\\n'.includes(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') s += text[i + 1];
          i += 2;
        } else {
          s += d;
          i += 1;
        }
      }
      add(s);
      i += 1;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i += 1;
    } else {
      add(c);
      i += 1;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * Splits a Windows command line as cmd.exe and then the C runtime read it: first cmd's `^` escapes and
 * `^`-newline continuations (a caret is literal inside cmd quotes), then the C runtime's quoting, where
 * `"` toggles quoting and backslashes are literal unless they precede a quote (2n backslashes and a quote:
 * n backslashes and a toggle; 2n+1: n backslashes and a literal quote).
 */
export function cmdWords(text: string): string[] {
  // Phase 1: cmd.exe, keeping each output character's source offset for error positions.
  const chars: string[] = [];
  const from: number[] = [];
  const escaped: boolean[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '^' && !quoted) {
      const next = text[i + 1];
      if (next === undefined) break;
      const lf = next === '\r' && text[i + 2] === '\n' ? 2 : next === '\n' ? 1 : 0;
      if (lf) {
        i += lf;
        // `^` + newline + newline is a literal newline (Chrome writes newlines in data so); else a continuation.
        if (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n')) {
          chars.push('\n');
          escaped.push(true);
          from.push(i);
          i += text[i + 1] === '\r' ? 2 : 1;
        } else {
          chars.push(' ');
          escaped.push(false);
          from.push(i);
        }
        continue;
      }
      chars.push(next);
      escaped.push(true);
      from.push(i + 1);
      i += 1;
      continue;
    }
    if (c === '"') quoted = !quoted;
    chars.push(c);
    escaped.push(false);
    from.push(i);
  }
  // Phase 2: the C runtime's argument rules.
  const words: string[] = [];
  let word: string | undefined;
  let inQuote = -1;
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i] as string;
    if (c === '\\') {
      let n = 0;
      while (chars[i + n] === '\\') n += 1;
      if (chars[i + n] === '"') {
        word = (word ?? '') + '\\'.repeat(Math.floor(n / 2));
        i += n;
        if (n % 2 === 1) word += '"';
        else inQuote = inQuote < 0 ? i : -1;
      } else {
        word = (word ?? '') + '\\'.repeat(n);
        i += n - 1;
      }
    } else if (c === '"') {
      word = word ?? '';
      inQuote = inQuote < 0 ? i : -1;
    } else if (/\s/.test(c) && inQuote < 0 && !escaped[i]) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (inQuote >= 0) {
    throw curlError('JX_CURL_UNTERMINATED_QUOTE', { quote: '"', ...lineColumn(text, from[inQuote] ?? 0) });
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Splits a pasted command into words in its dialect (detected unless given). */
export function shellWords(text: string, dialect: ShellDialect = detectDialect(text)): string[] {
  return dialect === 'cmd' ? cmdWords(text) : bashWords(text);
}
