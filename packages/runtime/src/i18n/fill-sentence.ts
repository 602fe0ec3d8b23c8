/** Values a catalogue sentence's `{placeholders}` are filled from. */
export type SentenceValues = Record<string, unknown>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** A value as it reads inside a sentence: lists joined with `、`, objects as compact JSON. */
function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** True when a value can fill a placeholder (empty strings and lists cannot). */
function present(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

/** The names of the `{placeholders}` in a sentence. */
export function placeholdersOf(sentence: string): string[] {
  return [...sentence.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/**
 * The first of `sentences` whose every placeholder has a value, filled in; undefined when none
 * fits. A code thrown at several places with different details lists one sentence per shape,
 * most specific first, so a missing detail never leaves a `{hole}` in what the user reads.
 */
export function fillSentence(
  sentences: string | readonly string[],
  values: SentenceValues,
): string | undefined {
  for (const sentence of typeof sentences === 'string' ? [sentences] : sentences) {
    const names = placeholdersOf(sentence);
    if (names.every((name) => present(values[name]))) {
      return sentence.replace(PLACEHOLDER, (_, name: string) => show(values[name]));
    }
  }
  return undefined;
}
