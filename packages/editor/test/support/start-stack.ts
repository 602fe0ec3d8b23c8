import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { startServer } from '@junction/server';

/** The real server (serving the built editor) and the card-platform sandbox, started in-process. */
export interface Stack {
  url: string;
  token: string;
  sandboxUrl: string;
  /** The sandbox itself (fault injection, orders), for tests that steer it. */
  sandbox: SandboxHandle;
  close(): Promise<void>;
}

/** Directory of the built editor. */
export const DIST_DIR = join(import.meta.dirname, '..', '..', 'dist');

/** Starts sandbox and server on free ports with a fresh data directory. */
export async function startStack(): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-editor-e2e-'));
  const sandbox = await startSandbox({ port: 0, timeFactor: 0.01 });
  const server = await startServer({
    port: 0,
    dataDir,
    editorDir: DIST_DIR,
    logLevel: 'silent',
    // Nodes may only call public addresses unless allowed: allow exactly the sandbox.
    egress: { allow: [new URL(sandbox.gatewayUrl).host] },
  });
  if (!server.adminToken)
    throw new Error('The server did not create an admin token for a fresh data directory.');
  return {
    url: server.url,
    token: server.adminToken,
    sandboxUrl: sandbox.url,
    sandbox,
    async close() {
      await server.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
