import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './free-port.ts';

/**
 * A PostgreSQL server of its own in a temp directory, so a test may stop it hard and start it again
 * without touching the shared one on 5432. PostgreSQL refuses to run as root: when we are root, the
 * server runs as `nobody` through `runuser`.
 */
export interface ThrowawayPostgres {
  url: string;
  port: number;
  /** `pg_ctl stop -m immediate`: no checkpoint, clients cut off — what a crash looks like to them. */
  crash(): void;
  /** Starts the server again on the same directory and port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server and deletes its directory. */
  destroy(): void;
}

const SERVER_USER = 'nobody';

function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(
    `${name} not found under ${root}/*/bin: install Debian's postgresql package (apt-get install postgresql)`,
  );
}

function asServerUser(command: string, args: string[]): string[] {
  return process.getuid?.() === 0
    ? ['runuser', '-u', SERVER_USER, '--', command, ...args]
    : [command, ...args];
}

function run(command: string, args: string[]): void {
  const [file, ...rest] = asServerUser(command, args);
  const result = spawnSync(file!, rest, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`,
    );
  }
}

/** Creates a cluster with `initdb` (trust auth, fsync off) and starts it on a free port. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'junction-pg-'));
  chmodSync(root, 0o755);
  const data = join(root, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', SERVER_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', SERVER_USER], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  run(postgresBin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${root}`,
    // fsync off only: a killed server keeps what it wrote in the OS cache. synchronous_commit must stay
    // on, or a crash-restart drops commits it already acknowledged (the last ~200 ms of WAL) — a fault
    // no production database has, which left journal gaps (runs failed JX_RUN_STUCK) in the chaos runs.
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const pgCtl = postgresBin('pg_ctl');
  const start = async () => {
    run(pgCtl, ['start', '-D', data, '-l', join(root, 'server.log'), '-w', '-o', options]);
    await waitForPort(port);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    crash: () => run(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']),
    start,
    destroy: () => {
      const [file, ...rest] = asServerUser(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w']);
      spawnSync(file!, rest);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
