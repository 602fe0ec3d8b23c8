/** Limits of one sandboxed run. */
export interface CodeLimits {
  /** Wall-clock limit, from the moment a worker takes the run; the worker is terminated when it runs out. */
  timeoutMs: number;
  /** How far the sandbox's WebAssembly memory may grow past its 16 MB start. */
  memoryMb: number;
}

/** Main thread → worker: run this code. Bindings travel as JSON text and are parsed inside QuickJS. */
export interface RunRequest {
  id: number;
  code: string;
  bindings: { input: string; vars: string; run: string };
  limits: CodeLimits;
}

/**
 * Worker → main thread, one per request:
 * - `ok`: the JSON text of the result;
 * - `thrown`: the user's code threw or rejected; `error` is QuickJS's dump of the value, `file` and
 *   `lineOffset` say how to find the user's line in its stack;
 * - `pending`: the returned promise never settled;
 * - `host`: the host failed under the code (V8 stack, a WebAssembly trap); the worker is not reused.
 *
 * `memoryExhausted`: the WebAssembly memory hit its cap during the run (the memory limit, whatever
 * QuickJS managed to throw); the worker is not reused.
 */
export type RunReply =
  | { id: number; kind: 'ok'; json: string }
  | { id: number; kind: 'thrown'; error: unknown; file: string; lineOffset: number; memoryExhausted: boolean }
  | { id: number; kind: 'pending' }
  | { id: number; kind: 'host'; name: string; message: string; memoryExhausted: boolean };

/** Worker → main thread once, when QuickJS is loaded and the worker takes requests. */
export interface ReadyMessage {
  kind: 'ready';
}

/**
 * How a run ended, as the pool reports it: the worker's reply, or what the pool saw instead —
 * the wall clock ran out, the caller's signal aborted, or the worker died (`outOfMemory` when V8's
 * `resourceLimits` stopped it).
 */
export type RunOutcome =
  | RunReply
  | { kind: 'timeout' }
  | { kind: 'cancelled'; reason: unknown }
  | { kind: 'worker-died'; outOfMemory: boolean; message: string };
