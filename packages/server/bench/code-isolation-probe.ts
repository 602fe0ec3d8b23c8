import { readFileSync } from 'node:fs';
import type { FlowDocument } from '@junction/runtime';
import { JunctionError } from '@junction/runtime';

/** The Junction server under test, as the bench talks to it. */
export interface Target {
  url: string;
  token: string;
  pid: number;
}

/** What one measured window saw. */
export interface Window {
  /** `/api/health` latencies (ms), one request after the other, during the window. */
  health: number[];
  /** The server process's highest resident set size (bytes) sampled every 10 ms during the window. */
  peakRss: number;
}

/** How a hostile test run ended, as its journal tells it. */
export interface HostileRun extends Window {
  status: string;
  code: string | undefined;
  /** The code.js node's time from start to its end (server clock). */
  nodeMs: number;
}

/** The server's resident set size now, from /proc (bytes). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}

/** Sends `/api/health` requests one after the other until `done` settles; samples RSS meanwhile. */
async function measureUntil(target: Target, done: Promise<unknown>): Promise<Window> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  let peakRss = rssOf(target.pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(target.pid));
  }, 10);
  const health: number[] = [];
  try {
    while (!finished) {
      const start = performance.now();
      const response = await fetch(`${target.url}/api/health`);
      await response.arrayBuffer();
      if (response.status !== 200) {
        throw new JunctionError('JX_BENCH_PROBE', `/api/health answered ${response.status}.`, {
          status: response.status,
        });
      }
      health.push(performance.now() - start);
    }
    await done;
  } finally {
    clearInterval(sampler);
  }
  return { health, peakRss: Math.max(peakRss, rssOf(target.pid)) };
}

/** The idle baseline: health requests for `ms` milliseconds with nothing else running. */
export function measureIdle(target: Target, ms: number): Promise<Window> {
  return measureUntil(target, new Promise((resolve) => setTimeout(resolve, ms)));
}

async function api<T>(target: Target, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as T;
}

/** What `GET /api/runs/:id` answers, as far as this probe reads it. */
interface RunDetail {
  run: { status: string; error?: { code: string } };
  nodes: { nodeId: string; startedAt?: number; finishedAt?: number }[];
}

/** A manual trigger followed by one code.js node `hostile` running `code`. */
export function hostileFlow(code: string, timeoutMs: number): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'code-isolation-bench',
    name: 'Hostile code',
    nodes: [
      { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      {
        id: 'hostile',
        type: 'code.js',
        typeVersion: 1,
        position: { x: 200, y: 0 },
        config: { code, timeoutMs },
      },
    ],
    edges: [{ id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'hostile', port: 'in' } }],
  } as FlowDocument;
}

/**
 * Starts `flow` as a test run and measures health latency and RSS until the run's event stream ends
 * (the run finished), then reads how it ended from its journal.
 */
export async function measureHostileRun(target: Target, flow: FlowDocument): Promise<HostileRun> {
  const started = await api<{ runId: string }>(target, 'POST', '/api/test-runs', { flow, input: {} });
  const runId = started.runId;
  const events = fetch(`${target.url}/api/runs/${runId}/events?access_token=${target.token}`).then(
    (response) => response.text(),
  );
  const window = await measureUntil(target, events);
  const detail = await api<RunDetail>(target, 'GET', `/api/runs/${runId}`);
  const node = detail.nodes.find((n) => n.nodeId === 'hostile');
  return {
    ...window,
    status: detail.run.status,
    code: detail.run.error?.code,
    nodeMs: (node?.finishedAt ?? 0) - (node?.startedAt ?? 0),
  };
}
