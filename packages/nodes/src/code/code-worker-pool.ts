import { Worker } from 'node:worker_threads';
import type { CodeLimits, ReadyMessage, RunOutcome, RunReply, RunRequest } from './code-worker-protocol.ts';
import { compileQuickJS, type WasmModule } from './quickjs-wasm.ts';

/** Options of {@link createCodeWorkerPool}. */
export interface CodeWorkerPoolOptions {
  /** Workers that may run code at the same time (default 2); more runs wait for a free one. */
  size?: number;
  /** V8 heap limit of each worker (`resourceLimits.maxOldGenerationSizeMb`, default 128). */
  maxHeapMb?: number;
}

/** One run for the pool: the code, its bindings as JSON text, its limits. */
export interface CodeTask {
  code: string;
  bindings: RunRequest['bindings'];
  limits: CodeLimits;
}

/** Worker threads that run `code.js` code off the main thread and can be terminated. */
export interface CodeWorkerPool {
  /** Runs a task on a free worker; never rejects, every ending is a {@link RunOutcome}. */
  run(task: CodeTask, signal?: AbortSignal): Promise<RunOutcome>;
  /** Terminates every worker; runs in flight end as `worker-died`. */
  close(): Promise<void>;
  /** Workers alive now and started so far (a discarded worker's replacement counts as a new start). */
  stats(): { alive: number; idle: number; started: number };
}

const WORKER_URL = new URL('./code-worker.mjs', import.meta.url);
const DEFAULT_SIZE = 2;

/** Replies after which a worker is reused: ordinary endings. Any limit or host failure discards it. */
function reusable(outcome: RunOutcome): boolean {
  if (outcome.kind === 'ok' || outcome.kind === 'pending') return true;
  if (outcome.kind !== 'thrown' || outcome.memoryExhausted) return false;
  const name = (outcome.error as { name?: unknown } | null)?.name;
  return name !== 'InternalError';
}

/**
 * Creates a pool of worker threads for user code. Workers start on demand, are reused while runs end
 * normally, and are terminated — and later replaced — after a timeout, a cancellation, a memory or
 * stack limit, or a crash. Idle workers are `unref`'d, so they never keep a process alive.
 */
export function createCodeWorkerPool(options: CodeWorkerPoolOptions = {}): CodeWorkerPool {
  const size = Math.max(1, Math.floor(options.size ?? DEFAULT_SIZE));
  const resourceLimits = { maxOldGenerationSizeMb: options.maxHeapMb ?? 128, maxYoungGenerationSizeMb: 16 };
  const alive = new Set<Worker>();
  /** Spawns waiting for the compiled module: they count against the size like live workers. */
  const starting = new Set<symbol>();
  const idle: Worker[] = [];
  const waiting: Array<{ take: (worker: Promise<Worker>) => void }> = [];
  let started = 0;
  let nextId = 0;
  let closed = false;

  function forget(worker: Worker): void {
    if (!alive.delete(worker)) return;
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    const next = waiting.shift();
    if (next) next.take(spawn());
  }

  async function spawn(): Promise<Worker> {
    if (closed) throw new Error('the code worker pool is closed');
    started += 1;
    const slot = Symbol('starting');
    starting.add(slot);
    let wasmModule: WasmModule;
    try {
      wasmModule = await compileQuickJS();
    } finally {
      starting.delete(slot);
    }
    if (closed) throw new Error('the code worker pool is closed');
    const worker = new Worker(WORKER_URL, { execArgv: [], resourceLimits, workerData: { wasmModule } });
    alive.add(worker);
    // A worker that dies while idle must not throw on the main thread: it is only forgotten.
    worker.on('error', () => forget(worker));
    worker.on('exit', () => forget(worker));
    return new Promise((resolve, reject) => {
      const onMessage = (message: ReadyMessage) => {
        if (message?.kind !== 'ready') return;
        worker.off('exit', onExit);
        worker.off('message', onMessage);
        resolve(worker);
      };
      const onExit = (code: number) =>
        reject(new Error(`the code worker exited with code ${code} while starting`));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
    });
  }

  function acquire(signal: AbortSignal | undefined): Promise<Worker> {
    const worker = idle.pop();
    if (worker) return Promise.resolve(worker);
    if (alive.size + starting.size < size) return spawn();
    return new Promise((resolve, reject) => {
      const entry = {
        take: (next: Promise<Worker>) => {
          signal?.removeEventListener('abort', onAbort);
          next.then(resolve, reject);
        },
      };
      const onAbort = () => {
        waiting.splice(waiting.indexOf(entry), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(entry);
    });
  }

  function release(worker: Worker, keep: boolean): void {
    if (!keep || closed) {
      void worker.terminate();
      return;
    }
    const next = waiting.shift();
    if (next) {
      next.take(Promise.resolve(worker));
      return;
    }
    worker.unref();
    idle.push(worker);
  }

  function exchange(worker: Worker, task: CodeTask, signal: AbortSignal | undefined): Promise<RunOutcome> {
    const id = ++nextId;
    return new Promise((resolve) => {
      const finish = (outcome: RunOutcome) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const onMessage = (reply: RunReply) => reply.id === id && finish(reply);
      const onError = (error: Error & { code?: string }) =>
        finish({
          kind: 'worker-died',
          outOfMemory: error.code === 'ERR_WORKER_OUT_OF_MEMORY',
          message: error.message,
        });
      const onExit = (code: number) =>
        finish({ kind: 'worker-died', outOfMemory: false, message: `the worker exited with code ${code}` });
      const onAbort = () => finish({ kind: 'cancelled', reason: signal?.reason });
      const timer = setTimeout(() => finish({ kind: 'timeout' }), task.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      const request: RunRequest = { id, ...task };
      worker.postMessage(request);
    });
  }

  return {
    async run(task, signal) {
      if (signal?.aborted) return { kind: 'cancelled', reason: signal.reason };
      let worker: Worker;
      try {
        worker = await acquire(signal);
      } catch (error) {
        if (signal?.aborted) return { kind: 'cancelled', reason: signal.reason };
        return { kind: 'worker-died', outOfMemory: false, message: String(error) };
      }
      if (signal?.aborted) {
        release(worker, true);
        return { kind: 'cancelled', reason: signal.reason };
      }
      if (closed || !alive.has(worker)) {
        return { kind: 'worker-died', outOfMemory: false, message: 'the code worker pool closed' };
      }
      worker.ref();
      const outcome = await exchange(worker, task, signal);
      release(worker, reusable(outcome));
      return outcome;
    },
    async close() {
      closed = true;
      for (const entry of waiting.splice(0))
        entry.take(Promise.reject(new Error('the code worker pool closed')));
      await Promise.all([...alive].map((worker) => worker.terminate()));
      alive.clear();
      idle.length = 0;
    },
    stats: () => ({ alive: alive.size, idle: idle.length, started }),
  };
}
