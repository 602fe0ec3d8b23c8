import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JunctionError } from '@junction/runtime';

/** Junction started the way the README says, as a child process group. */
export interface QuickstartProcess {
  /** The editor URL exactly as printed, with `#token=`. */
  editorUrl: string;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** Kills the whole process group (pnpm, tsx, node) and removes the data directory. */
  stop(): Promise<void>;
}

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** A port that was free a moment ago (the OS picks it; the child binds it right after). */
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

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole group, so pnpm's and tsx's children go too.
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs `node scripts/start.mjs` (what `pnpm start` runs) on free ports with a fresh data directory,
 * and resolves once it prints the editor URL. Rejects with the output so far when it exits early
 * or prints nothing usable within `timeoutMs`.
 */
export async function startQuickstart(timeoutMs = 90_000): Promise<QuickstartProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-quickstart-'));
  const env = {
    ...process.env,
    JUNCTION_PORT: String(await freePort()),
    SANDBOX_PORT: String(await freePort()),
    JUNCTION_DATA: dataDir,
  };
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // The server may still flush for a moment after its parent exits; make sure nothing is left.
    killGroup(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const editorUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new JunctionError(
              'JX_QUICKSTART_NO_URL',
              `scripts/start.mjs printed no editor URL within ${timeoutMs} ms; its output follows.\n${output}`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        const match = /Editor\s+(http\S+#token=\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(
          new JunctionError(
            'JX_QUICKSTART_EXITED',
            `scripts/start.mjs exited with ${code} before printing the editor URL; its output follows.\n${output}`,
          ),
        );
      });
    });
    return { editorUrl, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
