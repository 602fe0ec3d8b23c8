import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JunctionError } from '@junction/runtime';

/** A server process the test can kill without warning. */
export interface ChildServer {
  /** SIGKILLs the process and resolves once it is gone. */
  kill(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./serve-child.ts', import.meta.url));

/** Starts `serve-child.ts` on `port` and `dataDir`; resolves once it listens. */
export function startChildServer(port: number, dataDir: string): Promise<ChildServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', SCRIPT, String(port), dataDir],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(
        new JunctionError(
          'JX_EXAMPLES_CHILD_EXITED',
          `The server process exited (${code}) before it listened: ${stderr}`,
          {
            code,
          },
        ),
      ),
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      if (!chunk.toString('utf8').includes('ready ')) return;
      resolve({
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
