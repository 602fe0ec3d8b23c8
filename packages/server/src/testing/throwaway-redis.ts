import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './free-port.ts';

/** A Redis server of its own without persistence: a restart loses everything, as a crash would. */
export interface ThrowawayRedis {
  url: string;
  /** SIGKILL, and wait for the exit. */
  crash(): Promise<void>;
  /** Starts it again on the same port (empty). */
  start(): Promise<void>;
  /** SIGSTOP: the server holds its connections but answers nothing. */
  stall(): void;
  /** SIGCONT after {@link stall}. */
  resume(): void;
  destroy(): Promise<void>;
}

/** Options of {@link startThrowawayRedis}. */
export interface ThrowawayRedisOptions {
  /** Default: a free port. */
  port?: number;
  /** More `redis-server` arguments, e.g. `['--maxmemory-policy', 'allkeys-lru']`. */
  args?: string[];
}

/** Starts `redis-server --port <free> --save '' --appendonly no` in a temp directory. */
export async function startThrowawayRedis(options: ThrowawayRedisOptions = {}): Promise<ThrowawayRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'junction-redis-'));
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        ...(options.args ?? []),
      ],
      { stdio: 'ignore' },
    );
    const current = child;
    exited = new Promise((resolve) => current.once('exit', () => resolve()));
    await waitForPort(port);
  };
  const crash = async () => {
    child?.kill('SIGCONT');
    child?.kill('SIGKILL');
    await exited;
    child = undefined;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    crash,
    start,
    stall: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    destroy: async () => {
      await crash();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
