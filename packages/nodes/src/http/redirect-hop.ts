import type { WireRequest } from '../credentials/request-shape.ts';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Headers that only the origin they were meant for may see. */
const ORIGIN_BOUND = ['authorization', 'cookie', 'proxy-authorization'];

/** Headers that describe a body the next hop no longer carries. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding'];

/**
 * The request a redirect asks for, by the Fetch standard's rules: 303 (and 301/302 after a POST)
 * becomes a GET without body, 307/308 repeat method and body. A hop to another origin drops the
 * credentials headers. `undefined` when `status` is no redirect or there is no Location;
 * `'invalid'` when the Location is not an http(s) URL.
 */
export function redirectHop(
  wire: WireRequest,
  status: number,
  location: string | undefined,
): WireRequest | 'invalid' | undefined {
  if (!REDIRECTS.has(status) || !location) return undefined;
  let next: URL;
  try {
    next = new URL(location, wire.url);
  } catch {
    return 'invalid';
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return 'invalid';
  const headers = { ...wire.headers };
  let method = wire.method;
  let body = wire.body;
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
    for (const name of BODY_HEADERS) delete headers[name];
  }
  if (next.origin !== new URL(wire.url).origin) for (const name of ORIGIN_BOUND) delete headers[name];
  return { method, url: next.toString(), headers, ...(body !== undefined ? { body } : {}) };
}
