import { type Json, JunctionError } from '@junction/runtime';
import { sortCharacters } from '../credentials/sort-characters.ts';
import { encodeText, isUtf8 } from '../wire-format/charset.ts';
import type { MessagePlace, ParamsPart, RecipePart, RecipeSecrets, SigningRecipe } from './recipe-types.ts';

/** A message as a recipe reads it, outgoing (before the signature is placed) or as received. */
export interface MessageView {
  method: string;
  /** The URL path, e.g. `/api/gateway`. */
  path: string;
  query: Record<string, string>;
  /** Header names in any case. */
  headers: Record<string, string>;
  /** The body's fields, or undefined when the body is not an object. */
  body: Record<string, Json> | undefined;
  /** The body exactly as sent or received, as text ('' when there is none). */
  rawBody: string;
  /**
   * The body's bytes as received, when known (an inbound webhook or callback): a raw-body part signs
   * these, not `rawBody` re-encoded, so a GBK message is verified over the bytes its sender signed.
   */
  rawBytes?: Buffer;
}

/** A value at a place of the message, as text; undefined when absent. */
export function readPlace(view: MessageView, place: MessagePlace): string | undefined {
  const value =
    place.in === 'body'
      ? view.body?.[place.name]
      : place.in === 'query'
        ? view.query[place.name]
        : headerOf(view.headers, place.name);
  return value === undefined || value === null ? undefined : formatValue(value);
}

/** A header's value by name in any case. */
export function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Scalars as text, `null` as empty, nested values as compact JSON. */
export function formatValue(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The canonical string of `view` under `recipe`: its parts rendered and joined. */
export function renderCanonical(recipe: SigningRecipe, view: MessageView, secrets: RecipeSecrets): string {
  return recipe.parts.map((part) => renderPart(recipe, part, view, secrets)).join(recipe.partSeparator ?? '');
}

/** One part of the canonical string, as text. */
export function renderPart(
  recipe: SigningRecipe,
  part: RecipePart,
  view: MessageView,
  secrets: RecipeSecrets,
): string {
  if (part.type === 'params') return renderParams(recipe, part, view);
  if (part.type === 'raw-body') return view.rawBody;
  return renderTemplate(part.template, recipe, view, secrets);
}

/** Fills a template's placeholders (see {@link TextPart}); an unknown one is `JX_RECIPE_INVALID`. */
export function renderTemplate(
  template: string,
  recipe: SigningRecipe,
  view: MessageView,
  secrets: RecipeSecrets,
): string {
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, name: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const value = placeholderValue(name ?? '', recipe, view, secrets);
    if (value === undefined) {
      throw new JunctionError('JX_RECIPE_INVALID', `The placeholder {${name}} is unknown.`, {
        placeholder: name ?? '',
      });
    }
    return value;
  });
}

/** The names a template may use without a dot; see {@link placeholderValue}. */
export const PLACEHOLDERS = ['secret', 'appKey', 'timestamp', 'nonce', 'method', 'path'] as const;

function placeholderValue(
  name: string,
  recipe: SigningRecipe,
  view: MessageView,
  secrets: RecipeSecrets,
): string | undefined {
  const dot = name.indexOf('.');
  if (dot > 0) {
    const scope = name.slice(0, dot);
    const field = name.slice(dot + 1);
    if (scope === 'body' || scope === 'query' || scope === 'header') {
      return readPlace(view, { in: scope, name: field }) ?? '';
    }
    return undefined;
  }
  switch (name) {
    case 'secret':
      return secrets.secret ?? missingSecret('secret');
    case 'appKey':
      return secrets.appKey ?? missingSecret('appKey');
    case 'timestamp':
      return recipe.timestamp ? (readPlace(view, recipe.timestamp.place) ?? '') : '';
    case 'nonce':
      return recipe.nonce ? (readPlace(view, recipe.nonce.place) ?? '') : '';
    case 'method':
      return view.method.toUpperCase();
    case 'path':
      return view.path;
    default:
      return undefined;
  }
}

function missingSecret(field: 'secret' | 'appKey'): never {
  throw new JunctionError(
    'JX_CREDENTIAL_INVALID',
    `The signing recipe uses {${field}}, but the credential has no "${field}"; edit the credential and fill it in.`,
    { field },
  );
}

function renderParams(recipe: SigningRecipe, part: ParamsPart, view: MessageView): string {
  const source = paramsOf(part, view);
  if (typeof source === 'string') return source;
  const signatureNames = new Set(
    recipe.signature
      .filter((place) => place.in === (part.from === 'headers' ? 'header' : part.from))
      .map((place) => (part.from === 'headers' ? place.name.toLowerCase() : place.name)),
  );
  const excluded = new Set(part.exclude ?? []);
  const listed = part.fields && part.fields.length > 0;
  let entries: [string, Json][] = listed
    ? (part.fields ?? []).flatMap((name): [string, Json][] => {
        const value = part.from === 'headers' ? headerOf(view.headers, name) : source[name];
        return value === undefined ? [] : [[name, value]];
      })
    : Object.entries(source);
  entries = entries.filter(([name]) => {
    const own = part.from === 'headers' ? name.toLowerCase() : name;
    return !signatureNames.has(own) && !excluded.has(name);
  });
  if (part.excludeEmpty) entries = entries.filter(([, value]) => value !== null && value !== '');
  // Plain code-unit order: what PHP's ksort/strcmp and Java's TreeMap produce for ASCII keys.
  if ((part.order ?? 'key-asc') === 'key-asc') entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return joinEntries(part, entries, recipe.charset);
}

function paramsOf(part: ParamsPart, view: MessageView): Record<string, Json> | string {
  switch (part.from) {
    case 'body':
      return view.body ?? view.rawBody;
    case 'query':
      return view.query;
    case 'headers':
      return view.headers;
  }
}

function joinEntries(part: ParamsPart, entries: [string, Json][], charset: string | undefined): string {
  const encode = encoder(part.urlEncode ?? 'none', charset);
  switch (part.join ?? 'pairs') {
    case 'pairs':
      return entries
        .map(([key, value]) => `${encode(key)}${part.pairSeparator ?? '='}${encode(formatValue(value))}`)
        .join(part.separator ?? '&');
    case 'concat':
      return entries
        .map(([key, value]) => `${encode(key)}${encode(formatValue(value))}`)
        .join(part.separator ?? '');
    case 'values':
      return entries.map(([, value]) => encode(formatValue(value))).join(part.separator ?? '');
    case 'sorted-chars':
      // JSON.stringify leaves non-ASCII and "/" unescaped, which is what these schemes expect.
      return sortCharacters(JSON.stringify(Object.fromEntries(entries)));
    case 'canonical-json':
      return canonicalJson(Object.fromEntries(entries));
  }
}

/**
 * Percent-encoding of keys and values. Escapes are the bytes of the recipe's charset (GBK `成功` →
 * `%B3%C9%B9%A6`), as a platform that signs its GBK form writes them; UTF-8 by default.
 */
function encoder(style: 'none' | 'rfc3986' | 'form', charset: string | undefined): (text: string) => string {
  if (style !== 'none' && !isUtf8(charset)) {
    return (text) => percentEncode(text, charset as string, style === 'form');
  }
  switch (style) {
    case 'none':
      return (text) => text;
    case 'rfc3986':
      return (text) =>
        encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    case 'form':
      return (text) => new URLSearchParams({ x: text }).toString().slice(2);
  }
}

/**
 * The text's bytes in `charset` percent-encoded: RFC 3986 keeps A–Z a–z 0–9 - . _ ~; the form style
 * (what URLSearchParams writes) keeps A–Z a–z 0–9 * - . _ and writes a space as "+".
 */
function percentEncode(text: string, charset: string, form: boolean): string {
  let out = '';
  for (const byte of encodeText(text, charset, { what: 'the canonical string' })) {
    if (form && byte === 0x20) out += '+';
    else if ((form ? FORM_KEPT : RFC3986_KEPT).test(String.fromCharCode(byte)))
      out += String.fromCharCode(byte);
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const RFC3986_KEPT = /^[A-Za-z0-9\-._~]$/;
const FORM_KEPT = /^[A-Za-z0-9*\-._]$/;

/** Compact JSON with object keys sorted at every depth. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as Json)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
