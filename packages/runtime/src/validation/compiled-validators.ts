import type { ValidateFunction } from 'ajv';
import equalModule from 'ajv/dist/runtime/equal.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import uriModule from 'ajv/dist/runtime/uri.js';
import * as formatsModule from 'ajv-formats/dist/formats.js';
import type { JsonSchema } from '../node/node-type.ts';
import { validationKey } from './validation-key.ts';

/**
 * What a validator module (see `validatorModuleSource`) exports: a function that, given the
 * `require` its ajv standalone code calls, returns the validators keyed by `validationKey(schema)`.
 */
export type ValidatorModuleLoader = (require: (id: string) => unknown) => Map<string, ValidateFunction>;

// CommonJS modules: depending on the bundler the default import is the function or its module.
const fn = (module: unknown): unknown =>
  typeof module === 'function' ? module : (module as { default?: unknown }).default;
const formats = formatsModule as unknown as { fullFormats?: unknown; default?: { fullFormats?: unknown } };

/** The ajv runtime helpers standalone code may `require`, bundled with the runtime. */
const AJV_RUNTIME: Record<string, unknown> = {
  'ajv/dist/runtime/ucs2length': { default: fn(ucs2lengthModule) },
  'ajv/dist/runtime/equal': { default: fn(equalModule) },
  'ajv/dist/runtime/uri': { default: fn(uriModule) },
  'ajv-formats/dist/formats': { fullFormats: formats.fullFormats ?? formats.default?.fullFormats },
};

function ajvRuntimeRequire(id: string): unknown {
  const module = AJV_RUNTIME[id];
  if (!module) throw new Error(`a compiled validator needs ${id}, which the runtime does not bundle`);
  return module;
}

const compiled = new Map<string, ValidateFunction>();

/**
 * Installs validators compiled ahead of time (by the server, from the same schemas), so that a
 * browser under a Content-Security-Policy without `'unsafe-eval'` validates flows and configs
 * without ajv generating code at run time. Schemas without one are still compiled on use.
 */
export function installCompiledValidators(load: ValidatorModuleLoader): number {
  const validators = load(ajvRuntimeRequire);
  for (const [key, validate] of validators) compiled.set(key, validate);
  return validators.size;
}

/** The validator installed for a schema (matched by its JSON text without annotations), if any. */
export function compiledValidator(
  schema: JsonSchema | Record<string, unknown>,
): ValidateFunction | undefined {
  return compiled.size === 0 ? undefined : compiled.get(validationKey(schema));
}
