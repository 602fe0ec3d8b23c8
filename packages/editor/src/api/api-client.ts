import { EditorError } from '../errors/editor-error.ts';
import { translator } from '../i18n/i18n.ts';
import type { SignaturePreview, SignaturePreviewRequest } from './api-types.ts';
import { createSseParser, type SseMessage } from './sse-parser.ts';

/** How the editor reaches the server: base URL (empty = same origin) and the bearer token. */
export interface ApiClientOptions {
  baseUrl?: string;
  token?: () => string | undefined;
  fetch?: typeof fetch;
}

/** A thin JSON client for the server's HTTP API; failures become {@link EditorError}s with the server's code. */
export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Streams server-sent events until the stream ends or `signal` aborts. */
  stream(path: string, onMessage: (message: SseMessage) => void, signal?: AbortSignal): Promise<void>;
}

async function failure(response: Response, method: string, path: string): Promise<EditorError> {
  let body: { error?: { code?: string; message?: string; details?: Record<string, unknown> } } = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page): fall through to the generic sentence.
  }
  const error = body.error;
  if (error?.code && error.message) {
    return new EditorError(error.code, error.message, { ...error.details, status: response.status });
  }
  if (response.status === 401) {
    return new EditorError(
      'JX_AUTH_REQUIRED',
      'The server needs an API token: open the editor with #token=… or paste it under Settings.',
      { status: 401 },
    );
  }
  return new EditorError('JX_EDITOR_HTTP', `${method} ${path} failed with HTTP ${response.status}.`, {
    status: response.status,
  });
}

/** Creates the API client. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const headers = (json: boolean): Record<string, string> => {
    const token = options.token?.();
    return {
      ...(json && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
      // Node type texts and error sentences come back in the editor's language, not the browser's.
      'accept-language': translator().locale,
    };
  };
  const send = async (method: string, path: string, init: RequestInit): Promise<Response> => {
    try {
      return await doFetch(`${base}${path}`, init);
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new EditorError(
        'JX_EDITOR_OFFLINE',
        `Cannot reach the server (${method} ${path}). Is it running?`,
        { method, path },
      );
    }
  };
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const init: RequestInit = { method, headers: headers(body !== undefined) };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await send(method, path, init);
      if (!response.ok) throw await failure(response, method, path);
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    },
    async stream(path, onMessage, signal) {
      const init: RequestInit = { headers: { ...headers(false), accept: 'text/event-stream' } };
      if (signal) init.signal = signal;
      const response = await send('GET', path, init);
      if (!response.ok || !response.body) throw await failure(response, 'GET', path);
      const parser = createSseParser(onMessage);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          parser.push(value);
        }
      } catch (error) {
        if ((error as Error).name !== 'AbortError') throw error;
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/**
 * Signs a sample request with a credential's recipe — saved, edited but unsaved, or not saved at all —
 * without saving or sending anything (`POST /api/credentials/preview-signature`). A recipe that cannot
 * be evaluated fails with `JX_CREDENTIAL_INVALID`, its `details.problems` pointing under `/data`.
 */
export function previewSignature(api: ApiClient, body: SignaturePreviewRequest): Promise<SignaturePreview> {
  return api.request<SignaturePreview>('POST', '/api/credentials/preview-signature', body);
}
