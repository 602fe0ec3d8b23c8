import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JunctionError } from '@junction/runtime';
import type { SandboxAccount } from './deploy-bench-flow.ts';
import { NODE_RED_ENV, nodeRedBenchFlow } from './node-red-flow.ts';
import { probe } from './run-load.ts';
import { HOOK_PATH, QUOTE_REQUEST } from './webhook-flow.ts';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

/** A running Node-RED process serving the benchmark flow. */
export interface NodeRedServer {
  /** The flow's webhook URL. */
  url: string;
  process: ChildProcess;
  /** Stops Node-RED and removes its user directory. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Headless: no editor and no admin API (httpAdminRoot false), so no admin auth to set up; flows from
// the file the bench writes; warn-level logs; no telemetry, no update check, no palette installs.
function settingsFile(userDir: string, port: number): string {
  const settings = {
    uiHost: '127.0.0.1',
    uiPort: port,
    userDir,
    flowFile: 'flows.json',
    flowFilePretty: false,
    credentialSecret: false,
    httpAdminRoot: false,
    httpNodeRoot: '/',
    functionExternalModules: true,
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    diagnostics: { enabled: false },
    runtimeState: { enabled: false },
    telemetry: { enabled: false },
    logging: { console: { level: 'warn', metrics: false, audit: false } },
  };
  return `module.exports = ${JSON.stringify(settings, null, 2)};\n`;
}

/**
 * Starts `node red.js` with a generated settings file and flows file in a fresh temp user directory,
 * on a free port, and resolves once the flow answers the probe request with 200.
 */
export async function startNodeRed(redJs: string, account: SandboxAccount): Promise<NodeRedServer> {
  const userDir = mkdtempSync(join(tmpdir(), 'junction-bench-node-red-'));
  const port = await freePort();
  writeFileSync(join(userDir, 'settings.js'), settingsFile(userDir, port));
  writeFileSync(join(userDir, 'flows.json'), JSON.stringify(nodeRedBenchFlow(account.gatewayUrl)));
  let output = '';
  const child = spawn(
    process.execPath,
    [redJs, '--settings', join(userDir, 'settings.js'), '--userDir', userDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        [NODE_RED_ENV.appKey]: account.appKey,
        [NODE_RED_ENV.appSecret]: account.appSecret,
      },
    },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}/hooks/${HOOK_PATH}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(kill);
    }
    rmSync(userDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    const answer = await probe(url, QUOTE_REQUEST).catch(() => undefined);
    if (answer?.status === 200) return { url, process: child, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new JunctionError(
    'JX_BENCH_NODE_RED_START',
    `Node-RED did not answer the benchmark flow within ${READY_TIMEOUT_MS / 1000} s.`,
    { output: output.slice(-1500) },
  );
}
