import { defineNode, type Json } from '@junction/runtime';
import { inputInvalid, isJsonObject } from '../../control/support/node-errors.ts';
import { labelledEnum } from '../../control/support/schema-helpers.ts';
import { getPath, parsePath, removePath, setPath } from './dot-path.ts';

/** One edit of `transform.set`. */
export type SetOperation = {
  op: 'set' | 'rename' | 'remove';
  /** Dot path of the field, e.g. `customer.email` or `items.0.sku`. */
  path: string;
  /** New value for `set` (often an expression, resolved before the node runs). */
  value?: Json;
  /** New dot path for `rename`. */
  to?: string;
};

/** Config of `transform.set` v1. */
export type SetConfig = {
  operations?: SetOperation[];
  /** When given, only these dot paths are kept (after the operations). */
  keepOnly?: string[];
};

/** Applies the operations in order to a copy of the input object. */
function applyOperations(target: { [key: string]: Json }, operations: SetOperation[]): void {
  for (const [index, operation] of operations.entries()) {
    const field = `operations[${index}]`;
    const segments = parsePath(operation.path, `${field}.path`);
    if (operation.op === 'set') setPath(target, segments, operation.value ?? null);
    else if (operation.op === 'remove') removePath(target, segments);
    else {
      const to = parsePath(operation.to ?? '', `${field}.to`);
      const value = getPath(target, segments);
      // Renaming a missing field is a no-op, not an error: optional fields are common in payloads.
      if (value === undefined) continue;
      removePath(target, segments);
      setPath(target, to, value);
    }
  }
}

function keepOnly(source: { [key: string]: Json }, paths: string[]): { [key: string]: Json } {
  const kept: { [key: string]: Json } = {};
  for (const [index, path] of paths.entries()) {
    const segments = parsePath(path, `keepOnly[${index}]`);
    const value = getPath(source, segments);
    if (value !== undefined) setPath(kept, segments, value);
  }
  return kept;
}

/** Sets, renames and removes fields of the input object by dot path, optionally keeping only some. */
export const setNode = defineNode<SetConfig>({
  type: 'transform.set',
  version: 1,
  sideEffects: false,
  title: 'Edit fields',
  category: 'transform',
  description: 'Set, rename or remove fields by dot path; optionally keep only some.',
  icon: '✏️',
  inputs: ['in'],
  outputs: ['out', 'error'],
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      operations: {
        type: 'array',
        title: 'Operations',
        description: 'Applied in order to a copy of the input.',
        default: [],
        items: {
          type: 'object',
          required: ['op', 'path'],
          additionalProperties: false,
          properties: {
            op: labelledEnum(
              [
                ['set', 'Set'],
                ['rename', 'Rename'],
                ['remove', 'Remove'],
              ],
              {
                title: 'Operation',
                description: 'Set a value at the path, rename the field to "to", or remove it.',
                default: 'set',
              },
            ),
            path: { type: 'string', title: 'Field', description: 'Dot path.', examples: ['customer.email'] },
            value: {
              title: 'Value',
              description: 'For "Set"; may be an expression.',
              examples: ['=price * 100'],
            },
            to: {
              type: 'string',
              title: 'New name',
              description: 'For "Rename": dot path.',
              examples: ['buyer'],
            },
          },
        },
        examples: [
          [
            { op: 'set', path: 'status', value: 'new' },
            { op: 'rename', path: 'user', to: 'customer' },
          ],
        ],
      },
      keepOnly: {
        type: 'array',
        items: { type: 'string' },
        title: 'Keep only',
        description: 'Dot paths to keep; every other field is dropped. Leave empty to keep everything.',
        examples: [['orderNo', 'customer.email']],
      },
    },
  },
  run(ctx) {
    const input = ctx.input ?? {};
    if (!isJsonObject(input)) throw inputInvalid('input', 'an object', input);
    const target = structuredClone(input);
    applyOperations(target, ctx.config.operations ?? []);
    const keep = ctx.config.keepOnly;
    return { out: keep && keep.length > 0 ? keepOnly(target, keep) : target };
  },
});
