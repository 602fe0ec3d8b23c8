import { installCompiledValidators, type ValidatorModuleLoader } from '@junction/runtime/browser';

/**
 * Imports the server's compiled validators (`/api/node-types/validators.js`) and installs them, so
 * that validation never asks ajv to generate code in the page: the editor's Content-Security-Policy
 * has no `'unsafe-eval'`. A module import cannot send a header, hence `?access_token=` (masked in
 * the server's logs). Returns how many were installed; 0 when there is no token or the import failed
 * (validation then compiles, which works wherever no CSP forbids it, e.g. the Vite dev server).
 */
export async function loadCompiledValidators(token: string | undefined): Promise<number> {
  if (!token) return 0;
  try {
    const url = `/api/node-types/validators.js?access_token=${encodeURIComponent(token)}`;
    const module = (await import(/* @vite-ignore */ url)) as { default: ValidatorModuleLoader };
    return installCompiledValidators(module.default);
  } catch {
    return 0;
  }
}
