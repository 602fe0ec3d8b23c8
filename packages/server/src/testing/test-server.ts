import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlowDocument } from '@junction/runtime';
import type { RunningServer, ServerOptions } from '../server/server-options.ts';
import { startServer } from '../server/start-server.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');

/** Reads a flow fixture from `test/fixtures/<name>.flow.json`. */
export function fixture(name: string): FlowDocument {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.flow.json`), 'utf8')) as FlowDocument;
}

/** Path of a fixture file. */
export function fixturePath(name: string): string {
  return join(FIXTURES, `${name}.flow.json`);
}

/** A response as tests look at it. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response shapes
  json: any;
}

/** A server on a temp data dir, with its admin token, collected log lines and a small HTTP client. */
export interface TestServer {
  server: RunningServer;
  url: string;
  token: string;
  dataDir: string;
  logs: string[];
  api(
    method: string,
    path: string,
    body?: unknown,
    options?: { token?: string | null; headers?: Record<string, string>; raw?: string },
  ): Promise<ApiResponse>;
  /** Stops the server and starts it again on the same data directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a server for a test on port 0 with a fresh temp data directory. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'junction-server-'));
  const logs: string[] = [];
  const logDestination = { write: (line: string) => void logs.push(line) };
  const start = () =>
    startServer({
      port: 0,
      masterKey: undefined,
      editorDir: join(dataDir, 'no-editor'),
      logDestination,
      ...options,
      dataDir,
    });
  let server = await start();
  const token = server.adminToken!;
  const test: TestServer = {
    server,
    url: server.url,
    token,
    dataDir,
    logs,
    async api(method, path, body, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      const bearer = opts.token === undefined ? token : opts.token;
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      let payload: string | undefined = opts.raw;
      if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${test.url}${path}`, {
        method,
        headers,
        ...(payload !== undefined ? { body: payload } : {}),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    async restart() {
      await server.close();
      server = await start();
      test.server = server;
      test.url = server.url;
    },
    async close() {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return test;
}
