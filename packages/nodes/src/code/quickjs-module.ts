import { getQuickJS, type QuickJSWASMModule } from 'quickjs-emscripten';

let loading: Promise<QuickJSWASMModule> | undefined;

/**
 * The QuickJS WebAssembly module, compiled once per process. Each run still gets its own runtime and
 * context (cheap), so nothing a script does survives into the next run.
 */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  loading ??= getQuickJS();
  return loading;
}
