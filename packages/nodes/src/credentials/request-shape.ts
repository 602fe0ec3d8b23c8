import { type Json, JunctionError } from '@junction/runtime';

/** A request body before it is written out; signing may add fields to JSON and form bodies. */
export type RequestBody =
  | { type: 'json'; value: Json }
  | { type: 'form'; value: Record<string, Json> }
  | { type: 'raw'; value: string; contentType?: string };

/** A request as a node builds it: structured, not yet signed or serialised. */
export interface OutgoingRequest {
  method: string;
  /** Absolute URL; may already carry a query string. */
  url: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: RequestBody;
}

/** A request ready for the wire: final URL, lower-case header names, serialised body. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
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
    wire.body = encodeForm(body.value);
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else {
    wire.body = body.value;
    if (body.contentType) headers['content-type'] ??= body.contentType;
  }
  return wire;
}

/** `application/x-www-form-urlencoded` with nested values as compact JSON and null as empty. */
export function encodeForm(fields: Record<string, Json>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    params.append(
      key,
      value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value),
    );
  }
  return params.toString();
}
