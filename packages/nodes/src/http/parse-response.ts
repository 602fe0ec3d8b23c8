import { type Json, JunctionError } from '@junction/runtime';
import type { WireResponse } from './http-transport.ts';

/** How a response body is read. */
export type ResponseType = 'auto' | 'json' | 'text';

/**
 * Parses the body: `json` insists (coded error on bad JSON), `text` keeps the string, `auto` parses JSON
 * when the content type says so (or the body looks like JSON) and keeps text otherwise.
 */
export function parseResponseBody(response: WireResponse, type: ResponseType): Json {
  if (type === 'text' || response.body === '') return type === 'json' ? null : response.body;
  const contentType = response.headers['content-type'] ?? '';
  const looksJson = /[/+]json\b/i.test(contentType) || /^\s*[[{]/.test(response.body);
  if (type === 'auto' && !looksJson) return response.body;
  try {
    return JSON.parse(response.body) as Json;
  } catch (error) {
    if (type === 'auto') return response.body;
    throw new JunctionError(
      'JX_HTTP_BAD_RESPONSE',
      `The response is not valid JSON (status ${response.status}); set the response type to text or auto.`,
      { status: response.status, bodyStart: response.body.slice(0, 200) },
      { cause: error },
    );
  }
}
