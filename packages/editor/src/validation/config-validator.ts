import { compiledValidator } from '@junction/runtime/browser';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../document/flow-types.ts';
import { translator } from '../i18n/i18n.ts';

/** A config error at a JSON pointer inside the config (`''` is the config itself). */
export interface ConfigError {
  pointer: string;
  message: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const cache = new WeakMap<JsonSchema, ValidateFunction>();

function compile(schema: JsonSchema): ValidateFunction {
  const known = cache.get(schema);
  if (known) return known;
  // The server's compiled validator when installed: the page's CSP forbids ajv's code generation.
  const validate = compiledValidator(schema) ?? ajv.compile(schema);
  cache.set(schema, validate);
  return validate;
}

/** True for values the runtime evaluates as JSONata (`=` prefix); the schema cannot judge them. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function insideExpression(config: unknown, pointer: string): boolean {
  const parts = pointer.split('/');
  for (let i = parts.length; i > 1; i--) {
    if (isExpression(valueAt(config, parts.slice(0, i).join('/')))) return true;
  }
  return false;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return translator().t('config.required', { field: String(params.missingProperty) });
    case 'enum':
      return translator().t('config.enum', {
        values: (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', '),
      });
    case 'type':
      return translator().t('config.type', { type: String(params.type).replace(',', ' | ') });
    case 'additionalProperties':
      return translator().t('config.additional', { field: String(params.additionalProperty) });
    case 'oneOf':
    case 'anyOf':
      return translator().t('config.anyOf');
    default:
      return error.message
        ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`
        : translator().t('config.invalid');
  }
}

/**
 * Validates a node config against its type's schema. Errors at or under an expression are dropped:
 * the value is only known when the run evaluates it. `required` errors point at the missing field
 * itself so the form can show them next to it.
 */
export function validateConfig(schema: JsonSchema, config: unknown): ConfigError[] {
  const validate = compile(schema);
  if (validate(config)) return [];
  const seen = new Set<string>();
  const errors: ConfigError[] = [];
  for (const error of validate.errors ?? []) {
    const pointer =
      error.keyword === 'required'
        ? `${error.instancePath}/${String((error.params as { missingProperty: string }).missingProperty)}`
        : error.instancePath;
    if (error.keyword !== 'required' && insideExpression(config, pointer)) continue;
    // oneOf branches repeat each other's errors; the first one per pointer is enough.
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    errors.push({ pointer, message: describe(error) });
  }
  return errors;
}
