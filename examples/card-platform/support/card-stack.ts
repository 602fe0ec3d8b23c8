import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorInfo, JournalEntry, Json, RunRecord } from '@junction/runtime';
import { type SandboxHandle, type StartSandboxOptions, startSandbox } from '@junction/sandbox';
import { type RunningServer, startServer } from '@junction/server';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  createJunctionClient,
  deployFlow,
  type ExampleFlowId,
  type JunctionClient,
  loadExamples,
  readExampleFlow,
  withVariables,
} from '../../src/index.ts';
import { waitUntil } from './wait-until.ts';

/**
 * Timings for tests: callbacks are expected within seconds, polls check every 50 ms. The await
 * timeout stays long so only the timeout scenario (which shortens it) ever reaches it.
 */
export const TEST_VARIABLES: Record<string, Json> = {
  callbackTimeoutMs: 30_000,
  pollIntervalSeconds: 0.05,
  pollTimeoutSeconds: 10,
};

/** A run as `GET /api/runs/:id` shows it. */
export interface RunView {
  run: RunRecord & { error?: ErrorInfo };
  nodes: { nodeId: string; status: string; attempts: number; output: Record<string, Json> | null }[];
  journal: JournalEntry[];
}

/** An HTTP answer with its body parsed when it is JSON. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the flow answered
  body: any;
}

/** A sandbox and a Junction server with the examples deployed, talking over real HTTP. */
export interface CardStack {
  sandbox: SandboxHandle;
  api: JunctionClient;
  readonly serverUrl: string;
  token: string;
  /** POSTs JSON to a webhook path under `/hooks/`. */
  hook(path: string, body: Json): Promise<HttpAnswer>;
  /** POSTs a body as written, with its own content type, to a webhook path under `/hooks/`. */
  hookRaw(path: string, text: string, contentType: string): Promise<HttpAnswer>;
  /** POSTs a raw JSON body to `/callbacks/<channel>`. */
  callback(channel: string, body: Json): Promise<HttpAnswer>;
  /** Waits until the run has one of `statuses` (default: finished) and returns it with its journal. */
  waitForRun(runId: string, statuses?: readonly string[], timeoutMs?: number): Promise<RunView>;
  /** Deploys a new version of an example flow with some variables changed. */
  redeploy(id: ExampleFlowId, variables: Record<string, Json>): Promise<void>;
  /** Closes the server and starts it again on the same port and data directory. */
  restartServer(between?: () => Promise<void> | void): Promise<void>;
  close(): Promise<void>;
}

const FINISHED = ['succeeded', 'failed', 'cancelled'] as const;

/**
 * POSTs JSON on a fresh connection: a pooled keep-alive socket to a server that was restarted would
 * fail the request, which is not what these tests are about.
 */
function postJson(url: string, body: Json): Promise<HttpAnswer> {
  return postText(url, JSON.stringify(body), 'application/json');
}

/** POSTs `payload` as is on a fresh connection (see {@link postJson}). */
function postText(url: string, payload: string, contentType: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          const json = (headers.get('content-type') ?? '').includes('application/json');
          resolve({
            status: response.statusCode ?? 0,
            headers,
            body: json && text ? JSON.parse(text) : text,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * Where the test stack's nodes may call: the sandbox and the fault-injecting proxies in front of it
 * all listen on 127.0.0.1 (nodes may only call public addresses unless allowed).
 */
export const LOCAL_EGRESS = { allow: ['127.0.0.1'] };

/**
 * Starts a sandbox (time factor 0.01 unless given) and a server on a fresh SQLite data directory, and
 * loads the examples with {@link TEST_VARIABLES}.
 */
export async function startCardStack(sandboxOptions: StartSandboxOptions = {}): Promise<CardStack> {
  const sandbox = await startSandbox({ seed: 7, timeFactor: 0.01, ...sandboxOptions });
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-examples-'));
  let server: RunningServer = await startServer({
    port: 0,
    dataDir,
    logLevel: 'silent',
    egress: LOCAL_EGRESS,
  });
  const serverUrl = server.url;
  const token = server.adminToken!;
  const api = createJunctionClient({ serverUrl, token });
  await loadExamples({ serverUrl, token, sandbox, variables: TEST_VARIABLES });

  return {
    sandbox,
    api,
    serverUrl,
    token,
    hook: (path, body) => postJson(`${serverUrl}/hooks/${path}`, body),
    hookRaw: (path, text, contentType) => postText(`${serverUrl}/hooks/${path}`, text, contentType),
    callback: (channel, body) => postJson(`${serverUrl}/callbacks/${channel}`, body),
    waitForRun: (runId, statuses = FINISHED, timeoutMs = 20_000) =>
      waitUntil(
        async () => {
          const view = await api.request<RunView>('GET', `/api/runs/${runId}`);
          return statuses.includes(view.run.status) ? view : undefined;
        },
        `run ${runId} to be ${statuses.join(' or ')}`,
        timeoutMs,
      ),
    redeploy: async (id, variables) => {
      await deployFlow(
        api,
        withVariables(readExampleFlow(id), {
          ...TEST_VARIABLES,
          ...variables,
          notifyUrl: `${serverUrl}/callbacks/card-platform`,
        }),
      );
    },
    restartServer: async (between) => {
      await server.close();
      await between?.();
      server = await startServer({
        port: Number(new URL(serverUrl).port),
        dataDir,
        logLevel: 'silent',
        egress: LOCAL_EGRESS,
      });
    },
    close: async () => {
      await server.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The ids of nodes that emitted on `port` in a run. */
export function nodesThatEmitted(view: RunView, port: string): string[] {
  return view.journal
    .filter((entry) => entry.type === 'node.completed' && entry.output?.[port] !== undefined)
    .map((entry) => entry.nodeId!);
}

/**
 * Starts one stack for the enclosing `describe` block and closes it after; with `resetEach` the sandbox
 * is reset before every test. Returns a getter, since the stack exists only once `beforeAll` ran.
 */
export function useCardStack(
  options: { sandbox?: StartSandboxOptions; resetEach?: boolean } = {},
): () => CardStack {
  let stack: CardStack | undefined;
  beforeAll(async () => {
    stack = await startCardStack(options.sandbox);
  });
  afterAll(async () => {
    await stack?.close();
  });
  if (options.resetEach) beforeEach(() => stack!.sandbox.reset());
  return () => stack!;
}
