import type { Ajv } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { flowSchema } from '../flow/flow-schema.ts';
import type { JsonSchema } from '../node/node-type.ts';
import { newConfigAjv, newFlowAjv } from './schema-validators.ts';
import { validationKey } from './validation-key.ts';

type Standalone = (ajv: Ajv | Ajv2020, validate: unknown) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: Standalone }).default ??
  standaloneModule) as unknown as Standalone;

const cache = new WeakMap<object, string>();

/** One schema's validator as an expression: ajv's standalone (CommonJS) code in a function scope. */
function entry(schema: JsonSchema, ajv: Ajv | Ajv2020 | undefined): string {
  let code = cache.get(schema);
  if (code === undefined && ajv) {
    const source = standaloneCode(ajv, ajv.compile(schema));
    code = `[${JSON.stringify(validationKey(schema))}, (() => { const module = { exports: {} }; const exports = module.exports; ${source}\nreturn module.exports; })()]`;
    cache.set(schema, code);
  }
  return code ?? '';
}

/**
 * An ES module with the validators of the flow schema and of `configSchemas`, compiled here with the
 * options the runtime compiles them with (ajv standalone code). A browser loads it from its own
 * origin (`script-src 'self'`) and passes its default export to `installCompiledValidators`.
 * Each schema's code is generated once per schema object.
 */
export function validatorModuleSource(configSchemas: Iterable<JsonSchema>): string {
  const flow = flowSchema as JsonSchema;
  const entries = [entry(flow, cache.has(flow) ? undefined : newFlowAjv({ code: { source: true } }))];
  const seen = new Set<string>();
  let shared: Ajv2020 | undefined;
  for (const schema of configSchemas) {
    const key = validationKey(schema);
    if (seen.has(key)) continue;
    seen.add(key);
    if (cache.has(schema)) {
      entries.push(entry(schema, undefined));
      continue;
    }
    // As the runtime does: a schema with its own `$id` gets its own instance (versions may share one).
    shared ??= newConfigAjv({ code: { source: true } });
    entries.push(entry(schema, schema.$id ? newConfigAjv({ code: { source: true } }) : shared));
  }
  return [
    "// Validators of this server's flow schema and node types, compiled ahead of time (ajv standalone),",
    "// so the editor needs no 'unsafe-eval'. Generated; do not edit.",
    'export default function validators(require) {',
    `  return new Map([\n${entries.join(',\n')}\n]);`,
    '}',
    '',
  ].join('\n');
}
