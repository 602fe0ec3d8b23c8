import type { Translator } from './translator.ts';

/** A run's status (`succeeded`, `waiting`, …) in the translator's language; the status itself when unknown. */
export function runStatusLabel(using: Translator, status: string): string {
  return using.lookup(`runStatus.${status}`) ?? status;
}

/** A node's status in a run (`succeeded`, `skipped`, `not-run`, …) in the translator's language. */
export function nodeStatusLabel(using: Translator, status: string): string {
  return using.lookup(`nodeStatus.${status}`) ?? status;
}
