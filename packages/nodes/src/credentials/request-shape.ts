import { type Json, JunctionError } from '@junction/runtime';
import { contentTypeWithCharset, isUtf8 } from '../wire-format/charset.ts';
import { formatForm } from '../wire-format/form.ts';
import { jsonToXml } from '../wire-format/xml-build.ts';

/** A request body before it is written out; signing may add fields to JSON and form bodies. */
export type RequestBody =
  | { type: 'json'; value: Json }
  | { type: 'form'; value: Record<string, Json> }
  | { type: 'raw'; value: string; contentType?: string }
  /** JSON written as XML under `root` (default `xml`), strings as CDATA with `cdata`; see `jsonToXml`. */
  | { type: 'xml'; value: Json; root?: string; cdata?: boolean };

/** A request as a node builds it: structured, not yet signed or serialised. */
export interface OutgoingRequest {
  method: string;
  /** Absolute URL; may already carry a query string. */
  url: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** The charset the body is sent in (default utf-8); the Content-Type names it. */
  charset?: string;
}

/** A request ready for the wire: final URL, lower-case header names, serialised body. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as text; the transport encodes it in `charset`. */
  body?: string;
  /** The body's charset when not utf-8, e.g. `gbk`: the transport writes the text's bytes in it. */
  charset?: string;
}

/** Serialises a structured request. Header names are lower-cased so later steps can override them reliably. */
export function toWireRequest(request: OutgoingRequest): WireRequest {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new JunctionError(
      'JX_INPUT_INVALID',
      `url must be an absolute URL, got ${JSON.stringify(request.url)}.`,
      {
        field: 'url',
      },
    );
  }
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers ?? {}))
    headers[key.toLowerCase()] = String(value);
  const wire: WireRequest = { method: request.method.toUpperCase(), url: url.toString(), headers };
  const body = request.body;
  if (!body) return wire;
  if (body.type === 'json') {
    wire.body = JSON.stringify(body.value);
    headers['content-type'] ??= 'application/json';
  } else if (body.type === 'form') {
    wire.body = formatForm(body.value, request.charset, { what: 'the request body' });
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (body.type === 'xml') {
    wire.body = jsonToXml(body.value, {
      ...(body.root ? { root: body.root } : {}),
      cdata: body.cdata ?? false,
      what: 'the request body',
    });
    headers['content-type'] ??= 'application/xml';
  } else {
    wire.body = body.value;
    if (body.contentType) headers['content-type'] ??= body.contentType;
  }
  if (request.charset) {
    if (!isUtf8(request.charset)) wire.charset = request.charset;
    headers['content-type'] = contentTypeWithCharset(
      headers['content-type'] ?? 'text/plain',
      request.charset,
    );
  }
  return wire;
}
