import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/index.ts';

function spawnChild(args: string[]): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null; stdout: string }>;
  line: Promise<string>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'timer-child.ts'), ...args],
    {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  let onLine: (line: string) => void = () => undefined;
  const line = new Promise<string>((resolve) => {
    onLine = resolve;
  });
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    if (stdout.includes('\n')) onLine(stdout.slice(0, stdout.indexOf('\n')));
  });
  const exited = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  // A child that dies before its first line must fail the test, not hang it.
  void exited.then(() => onLine(stdout));
  return { child, exited, line };
}

describe('timers after SIGKILL', { timeout: 30_000 }, () => {
  it('a sleep pending when the process dies fires in a new process at once, despite the lease left behind', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'junction-timer-crash-')), 'runs.db');
    // `soon` is due before the new process is up; `later` is due after it started.
    const first = spawnChild(['sleep', db, 'soon:100', 'later:2500']);
    expect(await first.line).toBe('waiting');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    // Killed with both sleeps pending: the timers are in the store, the journal shows the waits only.
    const store = createSqliteStore({ path: db });
    expect((await store.getRun('soon'))?.status).toBe('waiting');
    for (const runId of ['soon', 'later']) {
      const types = (await store.readJournal(runId)).map((entry) => entry.type);
      expect(types.at(-1)).toBe('node.waiting');
      expect(types).not.toContain('node.resumed');
    }
    const due = await store.nextTimerDue();
    expect(due).toBeDefined();
    // Their leases stayed behind too (the dead process's, for the default 30 s): nobody else gets them.
    for (const runId of ['soon', 'later']) {
      expect(await store.acquireLease(runId, 'probe', Date.now(), 1_000)).toBe(false);
    }
    await store.close();

    // Forced recovery releases the dead process's leases: the runs finish within the child's 10 s,
    // instead of waiting out 30 s of lease (a run still waiting would be reported unfinished).
    await expectWokenOnce(db, ['later', 'soon']);
  });

  it('a timer claimed by a process killed while firing it fires in a new process at once', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'junction-timer-crash-')), 'runs.db');
    const first = spawnChild(['fire', db, 'claimed:200']);
    expect(await first.line).toBe('waiting');
    // The child kills itself the moment the store claimed the due timer.
    expect((await first.exited).signal).toBe('SIGKILL');

    const store = createSqliteStore({ path: db });
    expect((await store.getRun('claimed'))?.status).toBe('waiting');
    const types = (await store.readJournal('claimed')).map((entry) => entry.type);
    expect(types.at(-1)).toBe('node.waiting');
    // The timer is still there, claimed for the dead process's 30 s: no claim returns it before then.
    const due = await store.nextTimerDue();
    expect(due).toBeGreaterThan(Date.now() + 20_000);
    expect(await store.claimDueTimers(Date.now(), 10, 1_000)).toEqual([]);
    await store.close();

    // Forced recovery releases the dead process's timer claims: the run finishes within the child's
    // 10 s instead of after 30 s of claim (before that fix the child reported it still waiting).
    await expectWokenOnce(db, ['claimed']);
  });
});

/** Runs the `wake` child on `db` and checks every run finished, each resumed once by its timer. */
async function expectWokenOnce(db: string, runIds: string[]): Promise<void> {
  const second = spawnChild(['wake', db]);
  const { code, stdout } = await second.exited;
  const report = JSON.parse(stdout.trim()) as Record<
    string,
    { status: string; output: { after: { until: number; firedAt: number } } }
  >;
  expect(Object.keys(report).sort()).toEqual(runIds);
  expect(Object.values(report).map(({ status }) => status)).toEqual(runIds.map(() => 'succeeded'));
  expect(code).toBe(0);
  for (const { output } of Object.values(report)) {
    // Fired by the new process, never before it was due.
    expect(output.after.firedAt).toBeGreaterThanOrEqual(output.after.until);
  }

  const after = createSqliteStore({ path: db });
  expect(await after.nextTimerDue()).toBeUndefined();
  for (const runId of runIds) {
    const types = (await after.readJournal(runId)).map((entry) => entry.type);
    expect(types.filter((type) => type === 'node.resumed')).toHaveLength(1);
    expect(types.at(-1)).toBe('run.completed');
  }
  await after.close();
}
