import type { Translator } from './translator.ts';

// The runtime's schema phrases (packages/runtime/src/validation/describe-ajv-error.ts), read back
// into a catalogue key and its values. Order matters: the specific "must be …" forms come before
// the generic `must be <JSON value>` (const).
const PHRASES: Array<[RegExp, string, string[]]> = [
  [/^is required but missing$/, 'required', []],
  [/^is not a known property \(remove it or check its spelling\)$/, 'unknownProperty', []],
  [/^is not an allowed name$/, 'badName', []],
  [/^must not be empty$/, 'notEmpty', []],
  [/^must be at least (\S+) characters long$/, 'minLength', ['limit']],
  [/^must be at most (\S+) characters long$/, 'maxLength', ['limit']],
  [/^must have at least (\S+) item\(s\)$/, 'minItems', ['limit']],
  [/^must have at most (\S+) item\(s\)$/, 'maxItems', ['limit']],
  [/^must be at least (\S+)$/, 'minimum', ['limit']],
  [/^must be at most (\S+)$/, 'maximum', ['limit']],
  [/^must be greater than (\S+)$/, 'exclusiveMinimum', ['limit']],
  [/^must be less than (\S+)$/, 'exclusiveMaximum', ['limit']],
  [/^must be one of (.+)$/, 'enum', ['values']],
  [/^must be a valid (\S+)$/, 'format', ['format']],
  [/^must match the pattern (.+)$/, 'pattern', ['pattern']],
  [/^must be a letter followed by up to 63 letters, digits, '_' or '-'$/, 'slug', []],
  [/^must be a dotted type name such as http\.request$/, 'nodeType', []],
  [/^does not match any of the allowed forms$/, 'anyOf', []],
];

const TYPES: Record<string, string> = {
  'an object': 'object',
  'an array': 'array',
  'a string': 'string',
  'a number': 'number',
  'an integer': 'integer',
  'true or false': 'boolean',
  null: 'null',
};

/** `an object or null` → the type names in the language, joined by its "or". */
function typeList(text: string, using: Translator): string | undefined {
  // "true or false" holds an " or " of its own, so it is taken out first.
  const parts = text.replace('true or false', 'boolean').split(' or ');
  const names = parts.map((part) =>
    using.lookup(`problem.type.${part === 'boolean' ? 'boolean' : (TYPES[part] ?? '')}`),
  );
  if (names.some((n) => n === undefined)) return undefined;
  return orList(names as string[], using);
}

/** Items joined by the language's "or" (`a or b or c`, as the runtime's sentences list them). */
export function orList(items: string[], using: Translator): string {
  return items.join(using.lookup('problem.or') ?? ' or ');
}

/**
 * A schema phrase ("must be at most 100", "is required but missing") in the translator's
 * language; undefined for a phrase it does not know (a node type's own sentence).
 */
export function schemaPhrase(phrase: string, using: Translator): string | undefined {
  const named = /^is not an allowed name: it (.+)$/.exec(phrase);
  if (named) {
    const inner = schemaPhrase(named[1] as string, using);
    return inner === undefined ? undefined : using.lookup('problem.phrase.badNameBecause', { phrase: inner });
  }
  for (const [pattern, key, names] of PHRASES) {
    const match = pattern.exec(phrase);
    if (!match) continue;
    const values = Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']));
    return using.lookup(`problem.phrase.${key}`, values);
  }
  const must = /^must be (.+)$/.exec(phrase);
  if (!must) return undefined;
  const types = typeList(must[1] as string, using);
  if (types !== undefined) return using.lookup('problem.phrase.type', { type: types });
  try {
    JSON.parse(must[1] as string);
    return using.lookup('problem.phrase.const', { value: must[1] as string });
  } catch {
    return undefined;
  }
}
