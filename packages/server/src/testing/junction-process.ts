import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/junction.mjs');

/** A `junction` child process with its output lines, for tests that need real processes. */
export interface JunctionProcess {
  child: ChildProcess;
  /** stdout and stderr lines so far. */
  lines: string[];
  /** Resolves with the first line (past or future) matching; rejects when the process exits first. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (graceful close), and wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** Spawns `junction <args>` through the real bin (tsx), with extra environment variables. */
export function spawnJunction(args: string[], env: Record<string, string> = {}): JunctionProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitCode: number | null | undefined;
  child.once('exit', (code) => {
    exitCode = code;
    for (const wake of waiters) wake();
  });
  const collect = (chunk: Buffer, buffer: { rest: string }) => {
    const text = buffer.rest + chunk.toString('utf8');
    const parts = text.split('\n');
    buffer.rest = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  };
  const out = { rest: '' };
  const err = { rest: '' };
  child.stdout?.on('data', (chunk: Buffer) => collect(chunk, out));
  child.stderr?.on('data', (chunk: Buffer) => collect(chunk, err));
  const finish = async (signal: NodeJS.Signals) => {
    if (exitCode === undefined) child.kill(signal);
    // A graceful stop that hangs is a bug to see in the output, not a reason to hang the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    child,
    lines,
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching line within ${timeoutMs} ms; output:\n${lines.slice(-30).join('\n')}`),
          );
        }, timeoutMs);
        const check = () => {
          const found = lines.find(match);
          if (found !== undefined || exitCode !== undefined) {
            clearTimeout(timer);
            waiters.delete(check);
            if (found !== undefined) resolve(found);
            else reject(new Error(`junction exited (${exitCode}) first; output:\n${lines.join('\n')}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    kill: () => finish('SIGKILL'),
    stop: () => finish('SIGTERM'),
  };
}
