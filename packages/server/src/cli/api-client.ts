import { type Json, JunctionError } from '@junction/runtime';

/** Where the CLI reaches a Junction API process, and the token it sends. */
export interface ApiTarget {
  url: string;
  token: string;
}

/** A JSON client for the REST API, used by every CLI command that changes a running server. */
export interface ApiClient {
  /** Sends a request; resolves with the parsed answer, or throws the server's coded error. */
  request<T = Json>(method: string, path: string, body?: Json): Promise<T>;
}

/** Default `--url`: the embedded server's default address. */
export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/**
 * Resolves `--url`/`JUNCTION_URL` and `--token`/`JUNCTION_TOKEN` (prefer the environment: a flag is
 * visible to other users in the process list). No token is a usage error (`JX_CLI_TOKEN_MISSING`).
 */
export function apiTarget(options: { url?: string; token?: string }): ApiTarget {
  const token = options.token ?? process.env.JUNCTION_TOKEN;
  if (!token) {
    throw new JunctionError(
      'JX_CLI_TOKEN_MISSING',
      'No API token: set JUNCTION_TOKEN (or pass --token). Create one with `junction tokens create --scopes …`.',
      {},
    );
  }
  return { url: options.url ?? process.env.JUNCTION_URL ?? DEFAULT_API_URL, token };
}

interface ErrorAnswer {
  error?: { code?: string; message?: string; details?: Record<string, Json> };
}

/**
 * A client that fails with `JX_CLI_SERVER_UNREACHABLE` when nothing answers (or a 5xx),
 * `JX_CLI_UNAUTHORIZED` on 401/403, and the server's own error code and details on other refusals.
 */
export function createApiClient(target: ApiTarget): ApiClient {
  const base = target.url.replace(/\/+$/, '');
  return {
    async request<T>(method: string, path: string, body?: Json): Promise<T> {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${target.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(60_000),
        });
      } catch (cause) {
        const reason = ((cause as Error).cause as Error | undefined)?.message ?? (cause as Error).message;
        throw new JunctionError(
          'JX_CLI_SERVER_UNREACHABLE',
          `No Junction API answers at ${base} (${reason}); check --url (JUNCTION_URL) and that an api process runs.`,
          { url: base },
        );
      }
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        parsed = null;
      }
      if (response.ok) return parsed as T;
      const error = (parsed as ErrorAnswer | null)?.error;
      const status = response.status;
      const message = error?.message ?? text.slice(0, 200);
      if (status === 401 || status === 403) {
        throw new JunctionError(
          'JX_CLI_UNAUTHORIZED',
          `${base} refused the token (${status} ${error?.code ?? ''}: ${message}); use a token with the needed scope.`,
          { status },
        );
      }
      if (status >= 500) {
        throw new JunctionError(
          'JX_CLI_SERVER_UNREACHABLE',
          `${method} ${path} answered ${status} ${error?.code ?? ''}: ${message}. Retry once the server is healthy.`,
          { url: base, status },
        );
      }
      throw new JunctionError(error?.code ?? 'JX_CLI_REQUEST_REFUSED', message, {
        ...(error?.details ?? {}),
        status,
      });
    },
  };
}
