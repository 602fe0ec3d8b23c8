// Starts the quick-start stack in one process: the card-platform sandbox, the Junction server on a
// SQLite data directory, and the example flows deployed against the sandbox. Stop it with Ctrl+C.
// `--scale-out` starts the same stack as a cluster on PostgreSQL and Redis (scripts/start-cluster.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadExamples } from '@junction/examples';
import { startSandbox } from '@junction/sandbox';
import { startServer } from '@junction/server';
import { quickStartBanner } from './quick-start-banner.ts';

if (process.argv.includes('--scale-out')) {
  await import('./start-cluster.ts');
} else {
  await startEmbedded();
}

async function startEmbedded(): Promise<void> {
  const port = Number(process.env.JUNCTION_PORT ?? 3000);
  const sandboxPort = Number(process.env.SANDBOX_PORT ?? 3100);
  const dataDir = resolve(process.env.JUNCTION_DATA ?? 'junction-data');
  // The sandbox settles orders in ~2 s of simulated time; 0.5 makes the demo answer in about a second.
  const timeFactor = Number(process.env.SANDBOX_TIME_FACTOR ?? 0.5);

  const sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1', seed: 1, timeFactor });
  const publicUrl = process.env.JUNCTION_PUBLIC_URL;
  // Nodes may only call public addresses unless allowed: the sandbox on this machine is allowed
  // exactly (its host:port), plus whatever JUNCTION_EGRESS_ALLOW adds.
  const egress = {
    allow: [new URL(sandbox.gatewayUrl).host, ...(process.env.JUNCTION_EGRESS_ALLOW ?? '').split(',')],
  };
  const server = await startServer({ port, dataDir, egress, ...(publicUrl ? { publicUrl } : {}) });

  // The first start of a data directory saves its admin token there (mode 0600): later starts read
  // it to load the examples and remind you of it.
  const tokenFile = server.adminTokenFile ?? join(dataDir, 'admin-token');
  const token =
    server.adminToken ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!token) {
    console.error(
      `No admin token for ${dataDir}: create one with \`pnpm junction tokens create --scopes admin --data ${dataDir}\`, ` +
        `save it to ${tokenFile}, and start again.`,
    );
    await Promise.all([server.close(), sandbox.close()]);
    process.exit(1);
  }

  const loaded = await loadExamples({
    serverUrl: server.url,
    publicUrl: server.publicUrl,
    token,
    sandbox: { gatewayUrl: sandbox.gatewayUrl, appKey: sandbox.appKey, appSecret: sandbox.appSecret },
  });

  console.log(
    quickStartBanner({
      url: server.url,
      token,
      tokenFile,
      data: dataDir,
      sandbox,
      flows: loaded.flows,
    }),
  );

  let stopping = false;
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await server.close();
    await sandbox.close();
    process.exit(0);
  }
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
