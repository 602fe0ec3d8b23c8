import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The step barrier only guards side effects: a child SIGKILLs itself right after a node without side
 * effects completed, before anything was committed. Recovery runs that node again and the
 * side-effecting node after it exactly once.
 */
const calls = new Map<string, number>();
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const key = `${request.url} ${String(request.headers['idempotency-key'])}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function runChild(args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'barrier-child.ts'), ...args],
    { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
  });
}

describe('step barrier (SIGKILL, SQLite journal)', { timeout: 30_000 }, () => {
  it('a node without side effects killed before the barrier runs again; the side effect happens once', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'junction-barrier-')), 'runs.db');
    const first = await runChild(['start', db, baseUrl, 'barrier-1']);
    expect(first.signal).toBe('SIGKILL');
    expect(calls.get('/read barrier-1:lookup')).toBe(1);
    expect(calls.get('/effect barrier-1:createOrder')).toBeUndefined();

    const second = await runChild(['recover', db, baseUrl]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout.trim())).toEqual({ status: 'succeeded' });
    expect(calls.get('/read barrier-1:lookup')).toBe(2);
    expect(calls.get('/effect barrier-1:createOrder')).toBe(1);
  });
});
