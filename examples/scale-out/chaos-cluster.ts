import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type JunctionProcess, type ProcessExit, spawnJunction } from '@junction/server/testing';

/** One `--role api` and two `--role worker` processes on a given PostgreSQL and Redis. */
export interface ChaosCluster {
  url: string;
  token: string;
  /** Exits of every process so far, caused by the harness or not. */
  exits: ProcessExit[];
  /** True while at least one worker process is up and ready. */
  workerAlive(): boolean;
  apiUp(): boolean;
  workerNames(): string[];
  /** SIGKILLs the named process (`api`, `w1`, `w2`) and starts it again; resolves once it is ready. */
  killAndRestart(name: string): Promise<void>;
  /** The last log lines of every current process, for a report. */
  lastLines(): Record<string, string[]>;
  close(): Promise<void>;
}

/** Options of {@link startChaosCluster}. */
export interface ChaosClusterOptions {
  databaseUrl: string;
  redisUrl: string;
  leaseMs: number;
  workers?: number;
}

const READY: Record<'api' | 'worker', (line: string) => boolean> = {
  api: (line) => line.includes('listening on'),
  worker: (line) => line.includes('worker running'),
};

/** Starts the api process first (it prints the admin token of the empty database), then the workers. */
export async function startChaosCluster(options: ChaosClusterOptions): Promise<ChaosCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-chaos-data-'));
  const env = { JUNCTION_MASTER_KEY: randomBytes(32).toString('hex') };
  const port = await freePort();
  const common = ['--database', options.databaseUrl, '--redis', options.redisUrl, '--data', dataDir];
  // The sandbox runs in the harness on 127.0.0.1; nodes may only call public addresses unless allowed.
  common.push('--egress-allow', '127.0.0.1');
  const args: Record<string, string[]> = {
    // Every shop order and every supplier callback comes from 127.0.0.1, and the harness's supplier
    // retries every 0.5 s (real ones every 15 s or more): after an outage that herd would spend the
    // per-client budget and measure the rate limiter (tested on its own), not the outage.
    api: [
      'serve',
      ...['--role', 'api', '--port', String(port)],
      ...['--rate-limit-client', '1000000', '--rate-limit-flow', '1000000'],
      ...common,
    ],
  };
  const workerNames = Array.from({ length: options.workers ?? 2 }, (_, i) => `w${i + 1}`);
  for (const name of workerNames) {
    args[name] = [
      'serve',
      '--role',
      'worker',
      '--lease-ms',
      String(options.leaseMs),
      '--worker-id',
      name,
      ...common,
    ];
  }
  const exits: ProcessExit[] = [];
  const processes = new Map<string, JunctionProcess>();
  const ready = new Set<string>();
  let closing = false;
  const launch = async (name: string): Promise<JunctionProcess> => {
    const onExit = (exit: ProcessExit) => {
      exits.push(exit);
      ready.delete(name);
      // A process that died by itself is a defect to report; start it again so the run goes on.
      if (!exit.caused && !closing) setTimeout(() => void launch(name).catch(() => {}), 1_000);
    };
    const process = spawnJunction(args[name]!, env, { name, onExit });
    processes.set(name, process);
    await process.waitForLine(READY[name === 'api' ? 'api' : 'worker'], 60_000);
    ready.add(name);
    return process;
  };
  const stopAll = async () => {
    closing = true;
    await Promise.all([...processes.values()].map((p) => p.stop()));
  };
  let token = '';
  try {
    const api = await launch('api');
    const tokenLine = await api.waitForLine((line) => line.includes('Admin token'));
    token = /(jx_\S+)/.exec(tokenLine)?.[1] ?? '';
    if (!token) throw new Error(`no admin token in: ${tokenLine}`);
    const started = await Promise.allSettled(workerNames.map(launch));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    exits,
    workerAlive: () => workerNames.some((name) => ready.has(name)),
    apiUp: () => ready.has('api'),
    workerNames: () => workerNames,
    killAndRestart: async (name) => {
      ready.delete(name);
      await processes.get(name)?.kill();
      await launch(name);
    },
    lastLines: () => Object.fromEntries([...processes].map(([name, p]) => [name, p.lines.slice(-30)])),
    close: async () => {
      await stopAll();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
