import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/junction.mjs');
const KEEP_LINES = 2_000;

/** How a process ended: stopped by its owner, or on its own (in a chaos run, a defect to report). */
export interface ProcessExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when `kill()` or `stop()` ended it. */
  caused: boolean;
  at: number;
  lastLines: string[];
}

/** A `junction` child process with its output lines, for tests that need real processes. */
export interface JunctionProcess {
  name: string;
  child: ChildProcess;
  /** stdout and stderr lines so far (the last 2,000). */
  lines: string[];
  /** Resolves with the first line (past or future) matching; rejects when the process exits first. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (graceful close), and wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** How it ended; undefined while it runs. */
  readonly exit: ProcessExit | undefined;
}

/** Options of {@link spawnJunction}. */
export interface SpawnJunctionOptions {
  cwd?: string;
  /** Names the process in errors and in its {@link ProcessExit}. Default `junction`. */
  name?: string;
  /** Hears of every exit, caused or not. */
  onExit?: (exit: ProcessExit) => void;
}

/** Where a scale-out process keeps its state: the PostgreSQL schema and the Redis queue prefix. */
export interface ClusterPlace {
  databaseUrl: string;
  schema: string;
  redisUrl: string;
  prefix: string;
}

/** The `junction serve` flags that put a process into the cluster at `place`. */
export function clusterArgs(place: ClusterPlace): string[] {
  return [
    ...['--database', place.databaseUrl, '--database-schema', place.schema],
    ...['--redis', place.redisUrl, '--queue-prefix', place.prefix],
  ];
}

/**
 * Spawns `junction <args>` through the real bin, from the sources (tsx), with extra environment variables and
 * optionally another working directory.
 */
export function spawnJunction(
  args: string[],
  env: Record<string, string> = {},
  options: SpawnJunctionOptions = {},
): JunctionProcess {
  const name = options.name ?? 'junction';
  // The sources (through tsx), not whatever dist/ holds: tests drive the code under test.
  const child = spawn(process.execPath, ['--conditions=development', BIN, ...args], {
    env: { ...process.env, ...env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let exit: ProcessExit | undefined;
  let caused = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { name, code, signal, caused, at: Date.now(), lastLines: lines.slice(-30) };
      options.onExit?.(exit);
      for (const wake of waiters) wake();
      resolve();
    }),
  );
  const collect = (buffer: { rest: string }) => (chunk: Buffer) => {
    const parts = (buffer.rest + chunk.toString('utf8')).split('\n');
    buffer.rest = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', collect({ rest: '' }));
  child.stderr?.on('data', collect({ rest: '' }));
  const finish = async (signal: NodeJS.Signals) => {
    caused = true;
    if (!exit) child.kill(signal);
    // A graceful stop that hangs is a bug to see in the output, not a reason to hang the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    name,
    child,
    lines,
    get exit() {
      return exit;
    },
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `${name}: no matching line within ${timeoutMs} ms; output:\n${lines.slice(-30).join('\n')}`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          const found = lines.find(match);
          if (found === undefined && !exit) return;
          clearTimeout(timer);
          waiters.delete(check);
          if (found !== undefined) resolve(found);
          else
            reject(
              new Error(`${name} exited (${exit?.code}) first; output:\n${lines.slice(-30).join('\n')}`),
            );
        };
        waiters.add(check);
        check();
      });
    },
    kill: () => finish('SIGKILL'),
    stop: () => finish('SIGTERM'),
  };
}
