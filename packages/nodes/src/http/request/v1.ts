import { defineNode, type Json, JunctionError } from '@junction/runtime';
import { assertHostAllowed } from '../../credentials/allowed-hosts.ts';
import { credentialCharset } from '../../credentials/credential-charset.ts';
import { signRequest } from '../../credentials/sign-request.ts';
import { describeTarget, sendRequest } from '../http-transport.ts';
import { parseResponseBody, type ResponseType } from '../parse-response.ts';
import { buildRequest } from './build-request.ts';

/** Config of `http.request` v1 (after expressions are resolved). */
export type HttpRequestConfig = {
  method?: string;
  url: string;
  query?: Json;
  headers?: Json;
  bodyType?: 'none' | 'json' | 'form' | 'raw' | 'xml';
  body?: Json;
  contentType?: string;
  /** Root element of an XML body (default `xml`). */
  xmlRoot?: string;
  /** Write an XML body's strings as CDATA. */
  xmlCdata?: boolean;
  /** The charset the body is sent in (json, form, xml, raw); the Content-Type names it. */
  requestCharset?: string;
  timeoutMs?: number;
  responseType?: ResponseType;
  /** Decode the response in this charset whatever its Content-Type says. */
  responseCharset?: string;
  idempotencyHeader?: string;
  followRedirects?: number;
};

const option = (value: string, title: string) => ({ const: value, title });

/**
 * Sends one HTTP request, optionally signed by the credential in slot `auth`. A 2xx answer goes out on `out`
 * as `{status, headers, body}`; any other status fails with `JX_HTTP_STATUS` carrying status and body, which the
 * engine routes to `error` when the node's onError is `route`.
 */
export const httpRequestNode = defineNode<HttpRequestConfig>({
  type: 'http.request',
  version: 1,
  sideEffects: (config) => !['GET', 'HEAD'].includes(config.method ?? 'GET'),
  title: 'HTTP request',
  category: 'integration',
  description: 'Call an HTTP API, optionally signed with a credential.',
  icon: '🌐',
  inputs: ['in'],
  outputs: ['out', 'error'],
  credentials: {
    auth: {
      kinds: ['bearer', 'basic', 'hmac-header', 'signature', 'card-platform'],
      optional: true,
      title: 'Authentication',
      description: 'Applied to the request; refused when the URL host is not in its allowed hosts.',
    },
  },
  config: {
    type: 'object',
    required: ['url'],
    additionalProperties: false,
    properties: {
      method: {
        title: 'Method',
        description: 'The HTTP method. POST, PUT and PATCH usually carry a body; GET and HEAD do not.',
        default: 'GET',
        oneOf: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'].map((m) => option(m, m)),
      },
      url: {
        type: 'string',
        title: 'URL',
        description: 'Absolute http(s) URL; may be an expression.',
        examples: ['https://api.example.com/v1/orders', '="https://api.example.com/orders/" & id'],
      },
      query: {
        type: 'object',
        title: 'Query parameters',
        description:
          'Added to the URL (encoded for you) after any query it already has; values may be expressions.',
        additionalProperties: { type: ['string', 'number', 'boolean'] },
        default: {},
        examples: [{ page: '1' }],
      },
      headers: {
        type: 'object',
        title: 'Headers',
        description:
          'Request headers; values may be expressions. Authentication comes from the credential, not from here.',
        additionalProperties: { type: ['string', 'number', 'boolean'] },
        default: {},
        examples: [{ Accept: 'application/json' }],
      },
      bodyType: {
        title: 'Body',
        description:
          'How "Body content" is sent: JSON, URL-encoded form fields, XML (the JSON written as XML under the root element), raw text, or no body.',
        default: 'none',
        oneOf: [
          option('none', 'No body'),
          option('json', 'JSON'),
          option('form', 'Form (URL-encoded)'),
          option('xml', 'XML'),
          option('raw', 'Raw text'),
        ],
      },
      body: {
        title: 'Body content',
        description:
          'JSON value, an object of form fields, or text, per the body type. Often an expression like "=$".',
        examples: ['=$', { sku: 'A1', quantity: 1 }],
      },
      contentType: {
        type: 'string',
        title: 'Content type (raw body)',
        description: 'The Content-Type header sent with a raw body (JSON and form bodies set their own).',
        default: 'text/plain; charset=utf-8',
        examples: ['application/xml'],
      },
      xmlRoot: {
        type: 'string',
        title: 'XML root element',
        description:
          'The root element of an XML body. Keys become child elements, arrays repeated elements, "@name" keys attributes, "#text" the text.',
        default: 'xml',
        examples: ['xml', 'request'],
      },
      xmlCdata: {
        type: 'boolean',
        title: 'XML strings as CDATA',
        description:
          "Write the XML body's strings as CDATA sections (<return_code><![CDATA[SUCCESS]]></return_code>); numbers and booleans stay plain.",
        default: false,
      },
      requestCharset: {
        type: 'string',
        title: 'Request charset',
        description:
          'The charset the body (JSON, form, XML or raw) is sent in, e.g. gbk for older Chinese systems; the Content-Type carries "; charset=" with it and form escapes are its bytes. A character it cannot represent fails with JX_CHARSET_UNENCODABLE. Empty: UTF-8.',
        default: '',
        examples: ['gbk', 'gb18030', 'big5'],
      },
      timeoutMs: {
        type: 'integer',
        title: 'Timeout (ms)',
        description: 'The request is abandoned after this long and fails with JX_HTTP_TIMEOUT.',
        default: 30_000,
        minimum: 1,
        maximum: 600_000,
      },
      responseType: {
        title: 'Response parsing',
        description:
          'How the response body is read into the output\'s "body"; "JSON" and "XML" fail on anything else. XML becomes JSON: the root unwrapped, elements as keys, repeated elements as arrays, attributes as "@name", CDATA and text as strings (mixed text under "#text").',
        default: 'auto',
        oneOf: [
          option('auto', 'XML when the content type is XML, JSON when it is JSON, text otherwise'),
          option('json', 'JSON (fail otherwise)'),
          option('xml', 'XML as JSON (fail otherwise)'),
          option('text', 'Text'),
        ],
      },
      responseCharset: {
        type: 'string',
        title: 'Response charset',
        description:
          "Decode the response in this charset whatever its Content-Type says (for suppliers that mislabel GBK as UTF-8). Empty: the Content-Type's charset; where it names none, or says UTF-8 over bytes that are not, the signing credential's charset; else UTF-8. Bytes invalid in the charset fail with JX_BODY_MALFORMED and their offset, never a replacement character.",
        default: '',
        examples: ['gbk', 'gb18030'],
      },
      followRedirects: {
        type: 'integer',
        title: 'Follow redirects',
        description:
          "How many redirects (301, 302, 303, 307, 308) to follow. 0 (default): a redirect is the answer and fails with JX_HTTP_STATUS, Location in its headers. Every hop is checked like the first request: egress policy, and the credential's allowed hosts.",
        default: 0,
        minimum: 0,
        maximum: 10,
      },
      idempotencyHeader: {
        type: 'string',
        title: 'Idempotency header',
        description:
          "When set, this header carries the node's idempotency key: the same across retries and crash recovery.",
        default: '',
        examples: ['Idempotency-Key'],
      },
    },
  },
  outputSchema: {
    out: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        body: {},
      },
    },
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', properties: { status: { type: 'integer' }, body: {} } },
      },
    },
  },
  async run(ctx) {
    const request = buildRequest(ctx.config, ctx.idempotencyKey);
    const credential = ctx.credentials.auth;
    const wire = await signRequest(credential, request, { now: ctx.now });
    const response = await sendRequest(wire, {
      signal: ctx.signal,
      timeoutMs: ctx.config.timeoutMs ?? 30_000,
      followRedirects: ctx.config.followRedirects ?? 0,
      ...(credential ? { checkHop: (url: string) => assertHostAllowed(credential, url) } : {}),
    });
    const body =
      wire.method === 'HEAD'
        ? null
        : parseResponseBody(response, ctx.config.responseType ?? 'auto', {
            ...(ctx.config.responseCharset ? { charset: ctx.config.responseCharset } : {}),
            ...(credentialCharset(credential) ? { credentialCharset: credentialCharset(credential) } : {}),
          });
    if (response.status < 200 || response.status > 299) {
      throw new JunctionError('JX_HTTP_STATUS', `${describeTarget(wire)} answered ${response.status}.`, {
        status: response.status,
        body,
        headers: response.headers,
        retryable: response.status >= 500 || response.status === 429 || response.status === 408,
      });
    }
    return { out: { status: response.status, headers: response.headers, body } };
  },
});
