import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/index.ts';

function runChild(args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'callback-child.ts'), ...args],
    { cwd: join(import.meta.dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout })));
}

describe('callback crash (SIGKILL right after the store matched the callback)', { timeout: 30_000 }, () => {
  it('a new process completes the run with the callback payload', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'junction-callback-crash-')), 'runs.db');
    const first = await runChild(['wait', db]);
    expect(first.signal).toBe('SIGKILL');

    // The kill came after the claim: the wait is gone, the payload is held as a pending resume,
    // and the journal does not know about the callback yet.
    const store = createSqliteStore({ path: db });
    expect(await store.listWaits('cb-1')).toEqual([]);
    expect(await store.listPendingResumes()).toMatchObject([
      { runId: 'cb-1', nodeId: 'await', reason: 'callback', payload: { paid: 42 } },
    ]);
    expect((await store.readJournal('cb-1')).map((entry) => entry.type)).not.toContain('node.resumed');
    await store.close();

    const second = await runChild(['recover', db]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout.trim())).toEqual({
      status: 'succeeded',
      output: { delivered: { paid: 42 } },
    });
    const after = createSqliteStore({ path: db });
    expect(await after.listPendingResumes()).toEqual([]);
    await after.close();
  });
});
