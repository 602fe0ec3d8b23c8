import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { JunctionError } from '../errors/junction-error.ts';
import { flowSchema } from '../flow/flow-schema.ts';
import type { JsonSchema } from '../node/node-type.ts';
import { compiledValidator } from './compiled-validators.ts';

// ajv-formats is CommonJS: depending on the loader the default import is the plugin or its module.
type FormatsPlugin = (ajv: Ajv | Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

let flowValidator: ValidateFunction | undefined;

/** The ajv instance the flow schema is compiled with (`extra`: e.g. standalone code). */
export function newFlowAjv(extra: Options = {}): Ajv {
  return new Ajv({ allErrors: true, strict: true, ...extra });
}

/** The compiled flow document schema (draft-07): one compiled ahead of time if installed, else built on first use. */
export function flowSchemaValidator(): ValidateFunction {
  if (!flowValidator) flowValidator = compiledValidator(flowSchema) ?? newFlowAjv().compile(flowSchema);
  return flowValidator;
}

/** Schema-checks a flow document; returns ajv's errors (empty when valid). */
export function flowSchemaErrors(doc: unknown): ErrorObject[] {
  const validate = flowSchemaValidator();
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}

let sharedConfigAjv: Ajv2020 | undefined;
const configValidators = new WeakMap<JsonSchema, ValidateFunction | JunctionError>();

/** The ajv instance node config schemas are compiled with (`extra`: e.g. standalone code). */
export function newConfigAjv(extra: Options = {}): Ajv2020 {
  // Node schemas carry editor hints (titles, widgets, `x-…` keywords): strict mode would reject them.
  const ajv = new Ajv2020({ allErrors: true, strict: false, ...extra });
  addFormats(ajv);
  return ajv;
}

/**
 * The compiled validator of a node type's config schema (draft 2020-12), cached per schema object,
 * i.e. per node type and version. A schema that does not compile yields a `JX_NODE_TYPE_SCHEMA` error.
 */
export function configValidator(schema: JsonSchema, typeLabel: string): ValidateFunction | JunctionError {
  const cached = configValidators.get(schema);
  if (cached) return cached;
  const compiled = compiledValidator(schema);
  if (compiled) {
    configValidators.set(schema, compiled);
    return compiled;
  }
  let result: ValidateFunction | JunctionError;
  try {
    // A schema with its own `$id` gets its own instance: versions of one type may reuse an id.
    if (!sharedConfigAjv) sharedConfigAjv = newConfigAjv();
    const ajv = schema.$id ? newConfigAjv() : sharedConfigAjv;
    result = ajv.compile(schema);
  } catch (error) {
    result = new JunctionError(
      'JX_NODE_TYPE_SCHEMA',
      `The config schema of node type ${typeLabel} does not compile: ${(error as Error).message}. Fix the node type definition.`,
      { type: typeLabel },
    );
  }
  configValidators.set(schema, result);
  return result;
}
