import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Crash test: a child process runs flows against a SQLite file and this test's side-effect server.
 * The server behaves like a supplier's order creation: it dedupes by idempotency key and applies an
 * effect only for a key it has not seen. It keeps three records apart, so each assertion can fail:
 * requests per key (`attempts`), effects applied per run (`applied`, by the run id in the body, so an
 * engine that changed the key on a retry would apply a second effect for the same run), and every key
 * seen. The child is SIGKILLed before, during and after the side-effecting node; a new child recovers
 * from the journal.
 */
interface KillRule {
  stage: 'prepare' | 'effect' | 'deliver';
  runId: string;
}

/** Requests received per idempotency key. */
const attempts = new Map<string, number>();
/** The supplier's dedupe: keys whose effect was applied. */
const appliedKeys = new Set<string>();
/** Effects applied per run, with the key each was applied under. */
const applied = new Map<string, string[]>();
let killRule: KillRule | undefined;
let current: ChildProcess | undefined;
let server: Server;
let baseUrl: string;

function readBody(request: import('node:http').IncomingMessage): Promise<{ runId: string }> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => resolve(JSON.parse(text) as { runId: string }));
  });
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://x');
    const stage =
      url.pathname === '/effect' ? 'effect' : (url.searchParams.get('stage') as KillRule['stage']);
    if (stage === 'effect') {
      const key = String(request.headers['idempotency-key']);
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      // The effect happens on receipt, once per new key, like a supplier's order creation.
      if (!appliedKeys.has(key)) {
        appliedKeys.add(key);
        applied.set(body.runId, [...(applied.get(body.runId) ?? []), key]);
      }
    }
    if (killRule && killRule.stage === stage && killRule.runId === body.runId && current) {
      killRule = undefined;
      current.kill('SIGKILL');
      return; // The child is gone; the request stays unanswered.
    }
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ ok: true, stage }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function runChild(args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'child.ts'), ...args], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  current = child;
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
  });
}

async function crashThenRecover(runIds: string[], rule: KillRule): Promise<Record<string, string>> {
  const db = join(mkdtempSync(join(tmpdir(), 'junction-crash-')), 'runs.db');
  for (const runId of runIds) expectedKeys.add(key(runId));
  killRule = rule;
  const first = await runChild(['start', db, baseUrl, ...runIds]);
  expect(first.signal).toBe('SIGKILL');
  const second = await runChild(['recover', db, baseUrl]);
  expect(second.code).toBe(0);
  return JSON.parse(second.stdout.trim()) as Record<string, string>;
}

const key = (runId: string) => `${runId}:createOrder`;

/** Keys of every run started so far: the only keys the server may ever see. */
const expectedKeys = new Set<string>();

/**
 * Exactly one effect per run, applied under that run's `<run>:createOrder` key, and no request so far
 * carried any other key (a key that changed on a retry would show up here as well).
 */
function expectAppliedOnce(runIds: string[]): void {
  for (const runId of runIds) expect(applied.get(runId)).toEqual([key(runId)]);
  expect([...attempts.keys()].filter((seen) => !expectedKeys.has(seen))).toEqual([]);
  expect([...appliedKeys].filter((seen) => !expectedKeys.has(seen))).toEqual([]);
}

describe('crash recovery (SIGKILL, SQLite journal)', { timeout: 30_000 }, () => {
  it('killed before the side effect: the run finishes and the effect happens once', async () => {
    const statuses = await crashThenRecover(['before-1'], { stage: 'prepare', runId: 'before-1' });
    expect(statuses).toEqual({ 'before-1': 'succeeded' });
    expectAppliedOnce(['before-1']);
    expect(attempts.get(key('before-1'))).toBe(1);
  });

  it('killed while the side-effect request is in flight: retried with the same key, done once', async () => {
    const statuses = await crashThenRecover(['during-1'], { stage: 'effect', runId: 'during-1' });
    expect(statuses).toEqual({ 'during-1': 'succeeded' });
    expectAppliedOnce(['during-1']);
    expect(attempts.get(key('during-1'))).toBe(2);
  });

  it('killed after the side effect: the completed node never runs again', async () => {
    const statuses = await crashThenRecover(['after-1'], { stage: 'deliver', runId: 'after-1' });
    expect(statuses).toEqual({ 'after-1': 'succeeded' });
    expectAppliedOnce(['after-1']);
    expect(attempts.get(key('after-1'))).toBe(1);
  });

  it('several runs in flight at the kill all finish, each effect exactly once', async () => {
    const runIds = ['many-1', 'many-2', 'many-3', 'many-4', 'many-5'];
    const statuses = await crashThenRecover(runIds, { stage: 'effect', runId: 'many-3' });
    expect(Object.values(statuses)).toEqual(runIds.map(() => 'succeeded'));
    expectAppliedOnce(runIds);
    for (const runId of runIds) {
      expect(attempts.get(key(runId))).toBeGreaterThanOrEqual(1);
      expect(attempts.get(key(runId))).toBeLessThanOrEqual(2);
    }
    expect(attempts.get(key('many-3'))).toBe(2);
  });
});
