import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { JunctionError } from '@junction/runtime';

const STOP_GRACE_MS = 15_000;

/** A server running in its own process, talked to over IPC. */
export interface BenchChild {
  /** What the child reported when it was ready (at least its `url`). */
  ready: { url: string } & Record<string, unknown>;
  process: ChildProcess;
  /** Sends a message and resolves with the first answer of the same `type`. */
  ask<T>(message: { type: string } & Record<string, unknown>): Promise<T>;
  /** Asks the child to stop and waits until it exited. */
  stop(): Promise<void>;
}

/**
 * Starts `bench/<script>` under Node with tsx and waits for its `{ready: true}` message. The child's
 * stdout is dropped (the Junction server logs every request there, as in production) and its stderr shown.
 */
export async function startBenchChild(
  script: string,
  args: string[],
  nodeFlags: string[] = [],
): Promise<BenchChild> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--conditions=development', '--import', 'tsx', path, ...args],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const exited = once(child, 'exit');
  const ready = await new Promise<BenchChild['ready']>((resolve, reject) => {
    child.on('message', (message: { ready?: boolean; url: string }) => {
      if (message.ready) resolve(message);
    });
    void exited.then(([code]) =>
      reject(
        new JunctionError(
          'JX_BENCH_CHILD_EXITED',
          `${script} exited with code ${code} before it was ready.`,
          {
            script,
            code: code as number,
          },
        ),
      ),
    );
  });
  return {
    ready,
    process: child,
    ask: <T>(message: { type: string } & Record<string, unknown>) =>
      new Promise<T>((resolve) => {
        const onMessage = (answer: { type?: string }) => {
          if (answer.type !== message.type) return;
          child.off('message', onMessage);
          resolve(answer as T);
        };
        child.on('message', onMessage);
        child.send(message);
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      // A child that cannot close within the grace period is killed: the run must end either way.
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(kill);
    },
  };
}
