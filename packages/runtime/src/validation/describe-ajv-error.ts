import type { ErrorObject } from 'ajv';
import { NODE_TYPE_PATTERN, SLUG_PATTERN } from '../flow/flow-schema.ts';
import { joinPointer } from '../flow/json-pointer.ts';

/** A schema error as a pointer to the offending value and a friendly phrase ("must be at most 100"). */
export interface DescribedAjvError {
  pointer: string;
  phrase: string;
}

const PATTERN_NAMES: Record<string, string> = {
  [SLUG_PATTERN]: "a letter followed by up to 63 letters, digits, '_' or '-'",
  [NODE_TYPE_PATTERN]: 'a dotted type name such as http.request',
};

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'null',
};

function typeName(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ');
}

function quote(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Turns one ajv error into a pointer and a phrase. `required` and `additionalProperties` errors point
 * at the missing or unknown property itself, so the editor can highlight the right field.
 */
export function describeAjvError(error: ErrorObject): DescribedAjvError {
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: joinPointer(at, String(params.missingProperty)),
        phrase: `is required but missing`,
      };
    case 'additionalProperties':
      return {
        pointer: joinPointer(at, String(params.additionalProperty)),
        phrase: 'is not a known property (remove it or check its spelling)',
      };
    case 'propertyNames':
      return { pointer: joinPointer(at, String(params.propertyName)), phrase: 'is not an allowed name' };
    case 'type':
      return { pointer: at, phrase: `must be ${typeName(params.type)}` };
    case 'enum':
      return {
        pointer: at,
        phrase: `must be one of ${(params.allowedValues as unknown[]).map(quote).join(', ')}`,
      };
    case 'const':
      return { pointer: at, phrase: `must be ${quote(params.allowedValue)}` };
    case 'pattern': {
      const pattern = String(params.pattern);
      const name = PATTERN_NAMES[pattern];
      return { pointer: at, phrase: name ? `must be ${name}` : `must match the pattern ${pattern}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = {
        minimum: 'at least',
        maximum: 'at most',
        exclusiveMinimum: 'greater than',
        exclusiveMaximum: 'less than',
      };
      return { pointer: at, phrase: `must be ${words[error.keyword]} ${String(params.limit)}` };
    }
    case 'minLength':
      return {
        pointer: at,
        phrase: params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters long`,
      };
    case 'maxLength':
      return { pointer: at, phrase: `must be at most ${params.limit} characters long` };
    case 'minItems':
      return { pointer: at, phrase: `must have at least ${params.limit} item(s)` };
    case 'maxItems':
      return { pointer: at, phrase: `must have at most ${params.limit} item(s)` };
    case 'format':
      return { pointer: at, phrase: `must be a valid ${String(params.format)}` };
    case 'oneOf':
    case 'anyOf':
      return { pointer: at, phrase: 'does not match any of the allowed forms' };
    default:
      return { pointer: at, phrase: error.message ?? `fails the schema rule "${error.keyword}"` };
  }
}
