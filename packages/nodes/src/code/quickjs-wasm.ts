import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** A compiled WebAssembly module, opaque here: it is only handed to the workers. */
export type WasmModule = object;
// Node's global, which `lib: ES2023` does not describe.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };

let compiling: Promise<WasmModule> | undefined;

/**
 * QuickJS's WebAssembly code (the release-sync variant `quickjs-emscripten` uses by default), compiled
 * once per process and handed to every worker: a replacement worker starts without compiling, and code
 * V8 has already optimised in one worker is shared by the next.
 */
export function compileQuickJS(): Promise<WasmModule> {
  compiling ??= (async () => {
    // The variant is a dependency of quickjs-emscripten (same pinned version), so it is resolved from there.
    const fromQuickJS = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
    const bytes = await readFile(fromQuickJS.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'));
    return WebAssembly.compile(bytes);
  })();
  compiling.catch(() => {
    compiling = undefined;
  });
  return compiling;
}
