import type { ValidationProblem } from '../validation/problem.ts';
import { problemParameters } from '../validation/problem-parameters.ts';
import { translator } from './i18n.ts';
import { orList, schemaPhrase } from './schema-phrase.ts';
import type { Translator } from './translator.ts';

/** Parameters that are lists (`a or b`, `a, b`) and are joined again in the language. */
const OR_LISTS = new Set(['kinds']);
const COMMA_LISTS = new Set(['ports', 'slots', 'installed']);

/**
 * The sentence the editor shows for a validation problem: in English the runtime's own sentence;
 * in another language the editor catalogue's `problem.<code>[.<variant>]` message, with the values
 * read back from the runtime's sentence (see problem-parameters.ts) — schema phrases, type names and
 * lists translated too, a JSONata parse error as its position and the parser's message quoted.
 * Falls back to the English sentence for an unknown code or a sentence it cannot read.
 */
export function problemSentence(problem: ValidationProblem, using: Translator = translator()): string {
  if (using.locale === 'en') return problem.message;
  const parsed = problemParameters(problem);
  if (!parsed) return problem.message;
  const values: Record<string, string> = { ...parsed.values };
  if (values.phrase !== undefined) {
    const phrase = schemaPhrase(values.phrase, using);
    if (phrase === undefined) return problem.message;
    values.phrase = phrase;
  }
  if (values.what !== undefined) values.what = using.lookup(`problem.what.${values.what}`) ?? values.what;
  for (const [name, value] of Object.entries(values)) {
    if (OR_LISTS.has(name)) values[name] = orList(value.split(' or '), using);
    else if (COMMA_LISTS.has(name))
      values[name] =
        value === 'none'
          ? (using.lookup('problem.noPorts') ?? value)
          : value.split(', ').join(using.lookup('problem.listSeparator') ?? ', ');
  }
  try {
    return using.lookup(`problem.${parsed.key}`, values) ?? problem.message;
  } catch {
    return problem.message;
  }
}
