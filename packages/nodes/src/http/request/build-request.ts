import { type Json, JunctionError } from '@junction/runtime';
import type { OutgoingRequest, RequestBody } from '../../credentials/request-shape.ts';
import { isKnownCharset } from '../../wire-format/charset.ts';
import { wireFormatError } from '../../wire-format/wire-format-errors.ts';
import type { HttpRequestConfig } from './v1.ts';

/**
 * Turns a resolved `http.request` config into a structured request, failing with `JX_INPUT_INVALID` naming the
 * field when an expression resolved to something unusable (only the value's type is reported, never the value),
 * and with `JX_UNSUPPORTED_CHARSET` for a request or response charset Junction does not know — before sending.
 */
export function buildRequest(config: HttpRequestConfig, idempotencyKey: string): OutgoingRequest {
  if (typeof config.url !== 'string' || !/^https?:\/\//i.test(config.url)) {
    throw invalid('url', 'an absolute http(s) URL', config.url);
  }
  const headers = scalarRecord('headers', config.headers);
  if (config.idempotencyHeader) headers[config.idempotencyHeader] = idempotencyKey;
  const request: OutgoingRequest = {
    method: config.method ?? 'GET',
    url: config.url,
    query: scalarRecord('query', config.query),
    headers,
  };
  for (const field of ['requestCharset', 'responseCharset'] as const) {
    const charset = config[field];
    if (charset && !isKnownCharset(charset)) {
      throw wireFormatError('JX_UNSUPPORTED_CHARSET', { what: `the node's ${field}`, charset });
    }
  }
  const body = buildBody(config);
  if (body) request.body = body;
  if (config.requestCharset) request.charset = config.requestCharset;
  return request;
}

function buildBody(config: HttpRequestConfig): RequestBody | undefined {
  const type = config.bodyType ?? 'none';
  const value = config.body ?? null;
  if (type === 'none') return undefined;
  if (type === 'json') return { type, value };
  if (type === 'xml') {
    return { type, value, root: config.xmlRoot || 'xml', cdata: config.xmlCdata ?? false };
  }
  if (type === 'form') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalid('body', 'an object of form fields', value);
    }
    return { type, value };
  }
  if (typeof value !== 'string') throw invalid('body', 'a string for a raw body', value);
  return { type: 'raw', value, contentType: config.contentType || 'text/plain; charset=utf-8' };
}

function scalarRecord(field: string, value: Json | undefined): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'an object', value);
  const record: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    if (typeof item === 'object') throw invalid(`${field}.${key}`, 'a string, number or boolean', item);
    record[key] = String(item);
  }
  return record;
}

function invalid(field: string, expected: string, got: unknown): JunctionError {
  const type = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
  return new JunctionError('JX_INPUT_INVALID', `${field} must be ${expected}, got ${type}.`, {
    field,
    expected,
    got: type,
  });
}
