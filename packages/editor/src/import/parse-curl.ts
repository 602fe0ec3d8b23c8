import { curlError } from './curl-errors.ts';
import { type ShellDialect, shellWords } from './shell-words.ts';

/** One piece of request data as curl was given it, in order. */
export interface CurlData {
  /** `-d`/`--data`/`--data-ascii`/`--data-raw`/`--data-binary`/`--data-urlencode`/`--json`. */
  option: string;
  value: string;
}

/** What a cURL command asks for, before it is mapped to a node. */
export interface ParsedCurl {
  /** `-X`, or undefined when curl would choose (GET, POST with data, HEAD with -I). */
  method?: string;
  url: string;
  /** Headers in order as `[name, value]`; `-A`, `-e` and `-b` become User-Agent, Referer and Cookie. */
  headers: [string, string][];
  data: CurlData[];
  /** `-G`: the data goes into the query string. */
  get: boolean;
  head: boolean;
  /** `-u user[:password]`. */
  user?: string;
  /** `--json` was used. */
  json: boolean;
}

const VALUE_OPTIONS: Record<string, string> = {
  '-X': '--request',
  '-H': '--header',
  '-d': '--data',
  '-u': '--user',
  '-b': '--cookie',
  '-A': '--user-agent',
  '-e': '--referer',
  '-F': '--form',
  '-o': '--output',
  '-m': '--max-time',
  '-x': '--proxy',
};
const DATA = ['--data', '--data-ascii', '--data-raw', '--data-binary', '--data-urlencode', '--json'];
/** Options that take a value but do not change the request the node would send. */
const IGNORED_WITH_VALUE = ['--output', '--max-time', '--connect-timeout', '--proxy', '--retry', '--cacert'];
/** Flags that do not change the request the node would send. */
const IGNORED_FLAGS = new Set([
  '--compressed',
  '-k',
  '--insecure',
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-L',
  '--location',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '-f',
  '--fail',
  '--http1.1',
  '--http2',
  '-#',
  '--progress-bar',
  '-N',
  '--no-buffer',
  '-g',
  '--globoff',
  '--location-trusted',
]);

/** Expands `-sSL` into `-s -S -L` and `-XPOST` into `-X POST`. */
function expandShort(word: string): string[] {
  if (!/^-[A-Za-z#]/.test(word) || word.startsWith('--') || word.length === 2) return [word];
  const flag = word.slice(0, 2);
  if (VALUE_OPTIONS[flag]) return [flag, word.slice(2)];
  return [...word.slice(1)].map((c) => `-${c}`);
}

/**
 * Parses a cURL command (bash or cmd quoting, detected) into what it asks for. Unknown options that would
 * change the request fail with JX_CURL_UNKNOWN_OPTION; `-F` fails with JX_CURL_MULTIPART; `@file` data
 * with JX_CURL_FILE_REFERENCE.
 */
export function parseCurl(text: string, dialect?: ShellDialect): ParsedCurl {
  const words = shellWords(text, dialect);
  if (words[0]?.toLowerCase() !== 'curl' && words[0]?.toLowerCase() !== 'curl.exe') {
    throw curlError('JX_CURL_NOT_CURL');
  }
  const parsed: ParsedCurl = { url: '', headers: [], data: [], get: false, head: false, json: false };
  const queue = words.slice(1).flatMap(expandShort);
  const urls: string[] = [];
  while (queue.length) {
    const word = queue.shift() as string;
    if (!word.startsWith('-') || word === '-') {
      urls.push(word);
      continue;
    }
    const [long, inline] = word.startsWith('--') && word.includes('=') ? word.split(/=(.*)/s) : [word];
    const name = VALUE_OPTIONS[long as string] ?? (long as string);
    if (IGNORED_FLAGS.has(word)) continue;
    if (name === '--get') parsed.get = true;
    else if (name === '-G') parsed.get = true;
    else if (name === '-I' || name === '--head') parsed.head = true;
    else {
      const takesValue =
        Object.values(VALUE_OPTIONS).includes(name) ||
        DATA.includes(name) ||
        IGNORED_WITH_VALUE.includes(name) ||
        name === '--url' ||
        name === '--form-string';
      if (!takesValue) throw curlError('JX_CURL_UNKNOWN_OPTION', { option: word });
      const value = inline ?? queue.shift();
      if (value === undefined) throw curlError('JX_CURL_MISSING_VALUE', { option: word });
      take(parsed, urls, name, word, value);
    }
  }
  const url = urls[0];
  if (!url) throw curlError('JX_CURL_NO_URL');
  parsed.url = url;
  return parsed;
}

function take(parsed: ParsedCurl, urls: string[], name: string, word: string, value: string): void {
  switch (name) {
    case '--request':
      parsed.method = value.toUpperCase();
      return;
    case '--url':
      urls.unshift(value);
      return;
    case '--header': {
      const colon = value.indexOf(':');
      // `Name;` sends an empty header; `Name:` only removes curl's own.
      if (colon < 0) {
        if (value.endsWith(';')) parsed.headers.push([value.slice(0, -1).trim(), '']);
        return;
      }
      const header = value.slice(0, colon).trim();
      const content = value.slice(colon + 1).trim();
      if (content) parsed.headers.push([header, content]);
      return;
    }
    case '--user':
      parsed.user = value;
      return;
    case '--cookie':
      // A value without "=" names a cookie file on the machine the command came from.
      if (!value.includes('=')) throw curlError('JX_CURL_FILE_REFERENCE', { option: word, file: value });
      parsed.headers.push(['Cookie', value]);
      return;
    case '--user-agent':
      parsed.headers.push(['User-Agent', value]);
      return;
    case '--referer':
      parsed.headers.push(['Referer', value]);
      return;
    case '--form':
    case '--form-string':
      throw curlError('JX_CURL_MULTIPART', { option: word });
    default:
      if (DATA.includes(name)) {
        const file = fileOf(name, value);
        if (file !== undefined) throw curlError('JX_CURL_FILE_REFERENCE', { option: word, file });
        if (name === '--json') parsed.json = true;
        parsed.data.push({ option: name, value });
      }
  }
}

/** The file an `@file` data argument reads, if it reads one. */
function fileOf(option: string, value: string): string | undefined {
  if (option === '--data-raw') return undefined;
  if (option === '--data-urlencode') {
    const at = /^([^=@]*)@(.*)$/s.exec(value);
    return at && !value.includes('=') ? at[2] : undefined;
  }
  return value.startsWith('@') ? value.slice(1) : undefined;
}
