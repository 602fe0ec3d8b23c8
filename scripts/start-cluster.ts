// `pnpm start --scale-out` (or `pnpm start:cluster`): the quick-start stack as a cluster — the sandbox,
// one `junction serve --role api` and two `--role worker` processes on the local PostgreSQL and Redis
// (a schema and queue prefix of their own), the examples deployed with the `junction` CLI, and the
// same banner as `pnpm start`. Process logs go to files beside the cluster's key and token.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXAMPLE_FLOW_IDS, exampleFlowPath, readExampleFlow } from '@junction/examples';
import { startSandbox } from '@junction/sandbox';
import { quickStartBanner } from './quick-start-banner.ts';

const BIN = resolve('packages/server/bin/junction.mjs');
const port = Number(process.env.JUNCTION_PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 3100);
const dir = resolve(process.env.JUNCTION_CLUSTER_DIR ?? 'junction-cluster');
const databaseUrl = process.env.JUNCTION_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const schema = process.env.JUNCTION_DATABASE_SCHEMA ?? 'junction_quickstart';
const redisUrl = process.env.JUNCTION_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.JUNCTION_QUEUE_PREFIX ?? 'junction-quickstart';
const publicUrl = (process.env.JUNCTION_PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');
const timeFactor = Number(process.env.SANDBOX_TIME_FACTOR ?? 0.5);

// The cluster's own state (not Junction's): the shared master key and the admin token, owner-only.
mkdirSync(dir, { recursive: true, mode: 0o700 });
const keyFile = join(dir, 'master.key');
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
const tokenFile = join(dir, 'admin-token');

const cluster = ['--database', databaseUrl, '--database-schema', schema, '--redis', redisUrl];
// Nodes may only call public addresses unless allowed: the workers may call the sandbox on this machine.
const egressAllow = [`127.0.0.1:${sandboxPort}`, process.env.JUNCTION_EGRESS_ALLOW].filter(Boolean).join(',');
const common = [
  ...cluster,
  '--queue-prefix',
  prefix,
  '--master-key-file',
  keyFile,
  '--egress-allow',
  egressAllow,
];
const children: ChildProcess[] = [];

/** Starts `junction serve …` with its output in `<dir>/<name>.log`; resolves with its first matching line. */
function serve(name: string, args: string[], ready: string): Promise<string[]> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args, ...common], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const log = createWriteStream(join(dir, `${name}.log`), { flags: 'a', mode: 0o600 });
  const lines: string[] = [];
  return new Promise((resolveReady, reject) => {
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      lines.push(...chunk.toString('utf8').split('\n'));
      if (lines.some((line) => line.includes(ready))) resolveReady(lines);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(
        new Error(
          `${name} exited (${code}) before it was ready; see ${join(dir, `${name}.log`)}:\n${lines.slice(-15).join('\n')}`,
        ),
      ),
    );
  });
}

/** Runs a `junction` CLI command against the api; exits the quick start when it fails. */
function junction(args: string[], token: string, input?: string): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, JUNCTION_URL: `http://127.0.0.1:${port}`, JUNCTION_TOKEN: token },
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });
  if (result.status !== 0)
    throw new Error(`junction ${args.slice(0, 2).join(' ')} failed (${result.status}):\n${result.stderr}`);
  return result.stdout;
}

async function stop(code = 0): Promise<never> {
  // SIGTERM: each process finishes what it holds (see docs/deployment.md) before it exits.
  await Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((done) => child.once('exit', done).kill('SIGTERM')) : undefined,
    ),
  );
  await sandbox.close();
  process.exit(code);
}

const sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1', seed: 1, timeFactor });
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
try {
  const apiLines = await serve(
    'api',
    ['--role', 'api', '--port', String(port), '--public-url', publicUrl],
    'listening on',
  );
  // The first api start of an empty schema prints the admin token once: keep it for later starts.
  const printed = apiLines.map((line) => /^Admin token[^:]*: (jx_\S+)/.exec(line)?.[1]).find(Boolean);
  if (printed) writeFileSync(tokenFile, `${printed}\n`, { mode: 0o600 });
  const token = printed ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!token) {
    throw new Error(
      `No admin token for schema ${schema}: create one with \`pnpm junction tokens create --scopes admin --database ${databaseUrl} --database-schema ${schema}\` and save it to ${tokenFile}.`,
    );
  }
  await Promise.all(
    ['worker-1', 'worker-2'].map((name) =>
      serve(name, ['--role', 'worker', '--worker-id', name], 'worker running'),
    ),
  );

  const account = { appKey: sandbox.appKey, appSecret: sandbox.appSecret, gatewayUrl: sandbox.gatewayUrl };
  junction(
    [
      'credentials',
      'create',
      '--id',
      'sandbox',
      '--kind',
      'card-platform',
      '--name',
      'Card platform sandbox',
      '--allowed-hosts',
      new URL(sandbox.gatewayUrl).hostname,
      '--data-stdin',
      '--replace',
    ],
    token,
    JSON.stringify(account),
  );
  const notifyUrl = `${publicUrl}/callbacks/card-platform`;
  const flows = EXAMPLE_FLOW_IDS.map((id) => {
    const declares = Object.hasOwn(readExampleFlow(id).settings?.variables ?? {}, 'notifyUrl');
    const out = junction(
      ['flows', 'deploy', exampleFlowPath(id), ...(declares ? ['--var', `notifyUrl=${notifyUrl}`] : [])],
      token,
    );
    return { id, version: Number(/ v(\d+)/.exec(out)?.[1]) };
  });
  console.log(
    quickStartBanner({
      url: publicUrl,
      token,
      tokenFile,
      data: `PostgreSQL ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')} schema ${schema}, Redis ${redisUrl} prefix ${prefix}`,
      sandbox,
      flows,
      extra: [`Processes    api on :${port}, worker-1, worker-2   (logs in ${dir})`],
    }),
  );
} catch (error) {
  console.error((error as Error).message);
  await stop(1);
}
