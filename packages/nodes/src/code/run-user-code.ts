import { type Json, JunctionError } from '@junction/runtime';
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import { toCodeError } from './code-errors.ts';
import { loadQuickJS } from './quickjs-module.ts';

/** Limits of one sandboxed run. */
export interface CodeLimits {
  timeoutMs: number;
  memoryMb: number;
}

const USER_FILE = 'code.js';
/** The wrapper puts one line before the user's code. */
const LINE_OFFSET = 1;

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

/**
 * Runs the body of a function `(input, vars, run) => …` in a fresh QuickJS runtime with a memory limit and a
 * deadline, and returns its JSON result. The sandbox has no `require`, network, file system or process:
 * only the ECMAScript built-ins and the three frozen bindings.
 */
export async function runUserCode(
  code: string,
  bindings: Record<'input' | 'vars' | 'run', Json>,
  limits: CodeLimits,
): Promise<Json> {
  const module = await loadQuickJS();
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryMb * 1024 * 1024);
  runtime.setMaxStackSize(1024 * 1024);
  const deadline = Date.now() + limits.timeoutMs;
  runtime.setInterruptHandler(() => Date.now() > deadline);
  const vm = runtime.newContext();
  const handles: QuickJSHandle[] = [];
  const keep = (handle: QuickJSHandle): QuickJSHandle => {
    handles.push(handle);
    return handle;
  };
  const fail = (handle: QuickJSHandle): never => {
    const dumped: unknown = vm.dump(handle);
    handle.dispose();
    throw toCodeError(dumped, USER_FILE, LINE_OFFSET, limits);
  };
  const unwrap = (result: ReturnType<QuickJSContext['evalCode']>): QuickJSHandle =>
    result.error ? fail(result.error) : keep(result.value);
  try {
    const prelude = unwrap(vm.evalCode(PRELUDE, 'junction-prelude.js'));
    const call = (name: string, ...args: QuickJSHandle[]): QuickJSHandle =>
      unwrap(vm.callFunction(keep(vm.getProp(prelude, name)), vm.undefined, ...args));
    const fn = unwrap(vm.evalCode(`(function (input, vars, run) {\n${code}\n})`, USER_FILE));
    const args = (['input', 'vars', 'run'] as const).map((key) =>
      call('load', keep(vm.newString(JSON.stringify(bindings[key])))),
    );
    const returned = unwrap(vm.callFunction(fn, vm.undefined, ...args));
    const box = keep(vm.newObject());
    call('settle', returned, box);
    const jobs = runtime.executePendingJobs();
    if (jobs.error) fail(jobs.error);
    if (!vm.dump(keep(vm.getProp(box, 'done')))) {
      throw new JunctionError(
        'JX_CODE_ERROR',
        'The returned promise never settled; code.js has no timers or network, so await only promises that resolve on their own.',
      );
    }
    const text = vm.getString(call('dump', box));
    return JSON.parse(text) as Json;
  } finally {
    for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
    vm.dispose();
    runtime.dispose();
  }
}
