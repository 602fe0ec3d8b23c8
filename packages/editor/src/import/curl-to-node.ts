import {
  type CredentialSuggestion,
  type SuggestedKind,
  sensitiveField,
  sensitiveHeader,
} from './credential-suggestion.ts';
import { curlError } from './curl-errors.ts';
import { decodeForm } from './form-decode.ts';
import type { ParsedCurl } from './parse-curl.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The config of an `http.request` node built from a cURL command, and the secrets taken out of it. */
export interface CurlImport {
  config: Record<string, Json>;
  suggestions: CredentialSuggestion[];
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/** A pasted value as a config string: one starting with "=" would be read as an expression, so it is quoted. */
export function literal(value: string): string {
  return value.startsWith('=') ? `=${JSON.stringify(value)}` : value;
}

/** The request data as curl would send it: the pieces joined with "&", `--data-urlencode` encoded. */
function joinData(parsed: ParsedCurl): string | undefined {
  if (!parsed.data.length) return undefined;
  return parsed.data
    .map(({ option, value }) => {
      if (option === '--data' || option === '--data-ascii') return value.replace(/[\r\n]/g, '');
      if (option !== '--data-urlencode') return value;
      const eq = value.indexOf('=');
      if (eq < 0) return encodeURIComponent(value);
      const name = value.slice(0, eq);
      return `${name ? `${name}=` : ''}${encodeURIComponent(value.slice(eq + 1))}`;
    })
    .join('&');
}

/**
 * Maps a parsed cURL command to an `http.request` config: the URL's query split into `query`, a JSON
 * body parsed, a form body into fields (in the Content-Type's charset, which becomes `requestCharset`).
 * Auth headers, `-u` and signature- or key-like fields are removed and returned as suggestions.
 */
export function curlToNode(parsed: ParsedCurl): CurlImport {
  let url: URL;
  try {
    url = new URL(parsed.url.includes('://') ? parsed.url : `http://${parsed.url}`);
  } catch {
    throw curlError('JX_CURL_BAD_URL', { url: parsed.url });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw curlError('JX_CURL_BAD_URL', { url: parsed.url });
  const suggestions: CredentialSuggestion[] = [];
  const suggest = (
    kind: SuggestedKind,
    from: CredentialSuggestion['from'],
    name: string,
    username?: string,
  ) => suggestions.push({ kind, from, name, host: url.hostname, ...(username && { username }) });

  const headers: Record<string, Json> = {};
  let contentType = '';
  for (const [name, value] of parsed.headers) {
    const secret = sensitiveHeader(name, value);
    if (secret) suggest(secret.kind, 'header', name, secret.username);
    else if (name.toLowerCase() === 'content-type') contentType = value;
    else headers[name] = literal(value);
  }
  if (parsed.user !== undefined) suggest('basic', 'user', '-u', parsed.user.split(':')[0]);
  if (parsed.json && !contentType) contentType = 'application/json';
  if (parsed.json && !Object.keys(headers).some((h) => h.toLowerCase() === 'accept'))
    headers.Accept = 'application/json';

  const charset = /charset=([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase();
  const data = joinData(parsed);
  const config: Record<string, Json> = {};
  const method = parsed.method ?? (parsed.head ? 'HEAD' : data !== undefined && !parsed.get ? 'POST' : 'GET');
  if (!METHODS.includes(method)) throw curlError('JX_CURL_METHOD', { method });
  config.method = method;

  const query = splitQuery(url, suggest);
  if (parsed.get && data !== undefined) {
    for (const [name, value] of decodeForm(data) ?? [[data, '']]) keep(query, name, value, 'query', suggest);
  }
  url.hash = '';
  config.url = literal(url.toString());
  config.query = query;
  config.headers = headers;
  if (data === undefined || parsed.get) config.bodyType = 'none';
  else Object.assign(config, body(data, contentType, charset, suggest));
  return { config, suggestions };
}

type Suggest = (kind: SuggestedKind, from: CredentialSuggestion['from'], name: string) => void;

/** Puts a field into `into` unless its name is sensitive, in which case it becomes a suggestion. */
function keep(
  into: Record<string, Json>,
  name: string,
  value: string,
  from: 'query' | 'body',
  suggest: Suggest,
) {
  const kind = sensitiveField(name);
  if (kind) suggest(kind, from, name);
  else into[name] = literal(value);
}

/** Moves the URL's query into an object (left in the URL when a name repeats, which an object cannot hold). */
function splitQuery(url: URL, suggest: Suggest): Record<string, Json> {
  const query: Record<string, Json> = {};
  const names = [...url.searchParams.keys()];
  if (new Set(names).size !== names.length) {
    for (const name of new Set(names)) {
      if (sensitiveField(name)) {
        suggest(sensitiveField(name) as SuggestedKind, 'query', name);
        url.searchParams.delete(name);
      }
    }
    return query;
  }
  for (const [name, value] of url.searchParams) keep(query, name, value, 'query', suggest);
  url.search = '';
  return query;
}

function body(
  data: string,
  contentType: string,
  charset: string | undefined,
  suggest: Suggest,
): Record<string, Json> {
  const type = contentType.toLowerCase();
  const charsetSetting: Record<string, Json> =
    charset && charset !== 'utf-8' && charset !== 'utf8' ? { requestCharset: charset } : {};
  const looksJson = /^\s*[[{]/.test(data);
  if (type.includes('json') || (!type && looksJson)) {
    try {
      const parsed = JSON.parse(data) as Json;
      return { bodyType: 'json', body: stripJson(parsed, suggest), ...charsetSetting };
    } catch {
      // Not JSON after all (a template, say): sent as written.
    }
  }
  if (!type || type.includes('x-www-form-urlencoded')) {
    const pairs = decodeForm(data, charset ?? 'utf-8');
    if (pairs) {
      const fields: Record<string, Json> = {};
      for (const [name, value] of pairs) keep(fields, name, value, 'body', suggest);
      return { bodyType: 'form', body: fields, ...charsetSetting };
    }
  }
  return {
    bodyType: 'raw',
    body: literal(data),
    contentType: contentType || 'application/x-www-form-urlencoded',
    ...charsetSetting,
  };
}

/** A JSON body without its top-level signature- or key-like fields. */
function stripJson(value: Json, suggest: Suggest): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return quoteStrings(value);
  const out: Record<string, Json> = {};
  for (const [name, field] of Object.entries(value)) {
    const kind = sensitiveField(name);
    if (kind) suggest(kind, 'body', name);
    else out[name] = quoteStrings(field);
  }
  return out;
}

function quoteStrings(value: Json): Json {
  if (typeof value === 'string') return literal(value);
  if (Array.isArray(value)) return value.map(quoteStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, quoteStrings(v)]));
  }
  return value;
}
