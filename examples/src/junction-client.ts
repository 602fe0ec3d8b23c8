import { type Json, JunctionError } from '@junction/runtime';

/** Where a Junction server listens and the API token to use. */
export interface JunctionClientOptions {
  serverUrl: string;
  token: string;
}

/** A thin JSON client for the Junction REST API. */
export interface JunctionClient {
  /** Sends a request and returns the parsed JSON answer (null for 204); throws `JX_EXAMPLES_API` on 4xx/5xx. */
  request<T = Json>(method: string, path: string, body?: Json): Promise<T>;
}

interface ErrorAnswer {
  error?: { code?: string; message?: string };
}

/** Creates a client that sends the token as a bearer token and fails loudly on any non-2xx answer. */
export function createJunctionClient(options: JunctionClientOptions): JunctionClient {
  const base = options.serverUrl.replace(/\/+$/, '');
  return {
    async request<T>(method: string, path: string, body?: Json): Promise<T> {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      const parsed = text === '' ? null : (JSON.parse(text) as unknown);
      if (!response.ok) {
        const error = (parsed as ErrorAnswer | null)?.error;
        throw new JunctionError(
          'JX_EXAMPLES_API',
          `${method} ${path} answered ${response.status}: ${error?.message ?? text.slice(0, 200)}`,
          { method, path, status: response.status, code: error?.code ?? null },
        );
      }
      return parsed as T;
    },
  };
}
