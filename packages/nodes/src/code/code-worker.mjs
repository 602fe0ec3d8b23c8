// @ts-check
// The worker thread that runs `code.js` user code in QuickJS. Plain JavaScript on purpose: a worker
// does not inherit the TypeScript loader that tsx registers in-process (`junction` CLI) or that Vitest
// applies, so a `.ts` entry would fail to load there; this file loads the same way everywhere.
// Types of the messages: ./code-worker-protocol.ts. Error codes are chosen on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } from 'quickjs-emscripten';

/** @typedef {import('./code-worker-protocol.ts').RunRequest} RunRequest */
/** @typedef {import('./code-worker-protocol.ts').RunReply} RunReply */
/** @typedef {import('quickjs-emscripten').QuickJSWASMModule} QuickJSWASMModule */
/** @typedef {import('quickjs-emscripten').QuickJSHandle} QuickJSHandle */

/** A value the user's code threw (or rejected with), dumped to plain data. */
class Thrown extends Error {
  /** @param {unknown} value */
  constructor(value) {
    super('thrown in the sandbox');
    this.value = value;
  }
}

const USER_FILE = 'code.js';
/** The wrapper puts one line before the user's code. */
const LINE_OFFSET = 1;
/** 64 KiB WebAssembly pages: the 16 MiB QuickJS's build starts with, and per MiB of the run's limit. */
const BASE_PAGES = 256;
const PAGES_PER_MB = 16;
const DEFAULT_MEMORY_MB = 32;

/**
 * Helpers evaluated inside the sandbox (under their own file name, so their frames never count as user lines):
 * `load` parses and deep-freezes the bindings, `settle` awaits a returned promise into a box,
 * `dump` turns the box into JSON text (undefined → null).
 */
const PRELUDE = `({
  load(text) {
    const freeze = (value) => {
      if (value && typeof value === 'object') { Object.values(value).forEach(freeze); Object.freeze(value); }
      return value;
    };
    return freeze(JSON.parse(text));
  },
  settle(value, box) {
    if (value && typeof value.then === 'function') {
      value.then((v) => { box.done = true; box.value = v; }, (e) => { box.done = true; box.failed = true; box.error = e; });
    } else { box.done = true; box.value = value; }
  },
  dump(box) {
    if (box.failed) throw box.error;
    const text = JSON.stringify(box.value);
    return text === undefined ? 'null' : text;
  },
})`;

/** Compiled once by the main thread (quickjs-wasm.ts) and shared by every worker. */
const wasmModule = /** @type {WebAssembly.Module} */ (workerData.wasmModule);

/**
 * One QuickJS instance per memory limit, reused by this worker's runs while they end normally. Its
 * WebAssembly memory cannot grow more than the limit past its start: that cap is the memory limit.
 * QuickJS's own `setMemoryLimit` does not hold in this build — without `malloc_usable_size` it counts
 * 8 bytes per allocation whatever its size, so 1 MB strings went on to 2 GB under a "32 MB" limit —
 * and only refuses a single allocation larger than the limit. After any limit or host failure the pool
 * discards the worker.
 * @type {{ memoryMb: number, quickjs: QuickJSWASMModule } | undefined}
 */
let instance;

/**
 * Set when the allocator asked for more WebAssembly memory than the cap allows during this run. QuickJS
 * then often cannot even build its own "out of memory" error and throws null, so this flag, not the
 * thrown value, is what tells the main thread the memory limit was hit.
 */
let memoryExhausted = false;

/** @param {number} memoryMb */
async function quickJSFor(memoryMb) {
  if (instance?.memoryMb === memoryMb) return instance.quickjs;
  instance = undefined;
  const maximum = BASE_PAGES + memoryMb * PAGES_PER_MB;
  const wasmMemory = new WebAssembly.Memory({ initial: BASE_PAGES, maximum });
  const grow = wasmMemory.grow.bind(wasmMemory);
  // Emscripten tries a generous size first, then smaller ones: only the outcome of the last try counts.
  wasmMemory.grow = (delta) => {
    try {
      const previous = grow(delta);
      memoryExhausted = false;
      return previous;
    } catch (error) {
      memoryExhausted = true;
      throw error;
    }
  };
  const quickjs = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule, wasmMemory }));
  instance = { memoryMb, quickjs };
  return quickjs;
}

/**
 * Runs one request in a fresh runtime and context of the instance. Thrown values come back dumped;
 * anything the host throws (V8 stack, a trap) comes back as `host` and the worker is not reused.
 * @param {RunRequest} request
 * @returns {Promise<RunReply>}
 */
async function run(request) {
  const { id, code, bindings, limits } = request;
  const quickjs = await quickJSFor(limits.memoryMb);
  memoryExhausted = false;
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(limits.memoryMb * 1024 * 1024);
  runtime.setMaxStackSize(1024 * 1024);
  // No interrupt handler: the time limit is the pool's wall clock, which terminates this thread.
  const vm = runtime.newContext();
  /** @type {QuickJSHandle[]} */
  const handles = [];
  /** @param {QuickJSHandle} handle */
  const keep = (handle) => {
    handles.push(handle);
    return handle;
  };
  /** @param {QuickJSHandle} handle @returns {never} */
  const fail = (handle) => {
    const error = vm.dump(handle);
    handle.dispose();
    throw new Thrown(error);
  };
  /** @param {ReturnType<typeof vm.evalCode>} result */
  const unwrap = (result) => (result.error ? fail(result.error) : keep(result.value));
  let healthy = true;
  try {
    const prelude = unwrap(vm.evalCode(PRELUDE, 'junction-prelude.js'));
    /** @param {string} name @param {QuickJSHandle[]} args */
    const call = (name, ...args) =>
      unwrap(vm.callFunction(keep(vm.getProp(prelude, name)), vm.undefined, ...args));
    const fn = unwrap(vm.evalCode(`(function (input, vars, run) {\n${code}\n})`, USER_FILE));
    const args = [bindings.input, bindings.vars, bindings.run].map((text) =>
      call('load', keep(vm.newString(text))),
    );
    const returned = unwrap(vm.callFunction(fn, vm.undefined, ...args));
    const box = keep(vm.newObject());
    call('settle', returned, box);
    const jobs = runtime.executePendingJobs();
    if (jobs.error) fail(jobs.error);
    if (!vm.dump(keep(vm.getProp(box, 'done')))) return { id, kind: 'pending' };
    return { id, kind: 'ok', json: vm.getString(call('dump', box)) };
  } catch (error) {
    if (error instanceof Thrown) {
      return {
        id,
        kind: 'thrown',
        error: error.value,
        file: USER_FILE,
        lineOffset: LINE_OFFSET,
        memoryExhausted,
      };
    }
    healthy = false;
    const host = error instanceof Error ? error : new Error(String(error));
    return { id, kind: 'host', name: host.name, message: host.message, memoryExhausted };
  } finally {
    // After a host failure QuickJS's state is unknown and disposing may abort: drop the whole instance.
    if (memoryExhausted) healthy = false;
    if (healthy) {
      for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
      vm.dispose();
      runtime.dispose();
    } else instance = undefined;
  }
}

await quickJSFor(DEFAULT_MEMORY_MB);
const port = parentPort;
if (!port) throw new Error('code-worker.mjs runs only as a worker thread');
port.on('message', (/** @type {RunRequest} */ request) => {
  run(request).then(
    (reply) => port.postMessage(reply),
    (error) =>
      port.postMessage({
        id: request.id,
        kind: 'host',
        name: 'Error',
        message: String(error),
        memoryExhausted,
      }),
  );
});
port.postMessage({ kind: 'ready' });
