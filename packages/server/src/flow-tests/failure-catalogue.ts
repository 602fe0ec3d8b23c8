/**
 * Every failure the flow-test runner can report, once: its stable key (`flowTest.*`), its typed
 * parameters and its English sentence. The CLI report and JUnit print the English `message`; the
 * editor renders `key` + `params` from its own catalogues (en, zh-CN) and falls back to `message`.
 * Expected and actual values travel as compact JSON strings (see `show` in check-value.ts).
 */

/** What a value check was about: the run's output or error, the webhook body, or a node's output. */
export type ValueSubject = 'output' | 'error' | 'body' | 'node';

/** Where a value check sits: its subject, and the node for `node`. */
export interface ValueWhere {
  subject: ValueSubject;
  node?: string;
}

/** The parameters of each failure key. */
export interface FailureParams {
  'flowTest.statusMismatch': { actual: string; expected: string };
  'flowTest.statusMismatchError': { actual: string; expected: string; code: string; error: string };
  'flowTest.valueNotEqual': ValueWhere & { expected: string; actual: string };
  'flowTest.valueDiffers': ValueWhere & { path: string; expected: string; actual: string };
  'flowTest.valueNotObject': ValueWhere & { path: string; expected: string; actual: string };
  'flowTest.satisfiesFalse': ValueWhere & { expression: string; verdict: string; actual: string };
  'flowTest.satisfiesError': ValueWhere & { expression: string; code: string; error: string };
  'flowTest.responseStatus': { actual: number; expected: number };
  'flowTest.headerMismatch': { header: string; actual: string; expected: string };
  'flowTest.timesMismatch': { node: string; actual: number; expected: number };
  'flowTest.nodeFailed': { node: string; code: string; error: string };
  'flowTest.nodeProducedNothing': { node: string };
  'flowTest.wrongPort': { node: string; ports: string; expected: string };
  'flowTest.notRun': { node: string };
  'flowTest.ranUnexpectedly': { node: string; times: number };
  'flowTest.notRanOnce': { node: string; times: number };
  'flowTest.callbackOutcome': { index: number; actual: string; expected: string };
  'flowTest.callbackNotDelivered': { index: number; expected: string };
  'flowTest.callbackNeverPosted': { index: number; node: string; waitFor: 'run' | 'finish' };
  'flowTest.neverSettles': { steps: number; seconds: number };
  'flowTest.caseCouldNotRun': { code: string; error: string };
  'flowTest.invalidTestFile': { code: string; problem: string };
}

/** A failure's stable key. */
export type FailureKey = keyof FailureParams;

/** The parts of a failure that say what went wrong, in any language. */
export interface FailureSentence<K extends FailureKey = FailureKey> {
  key: K;
  params: FailureParams[K];
  /** The English sentence (the CLI's and JUnit's text, and the editor's fallback). */
  message: string;
}

const prefix = (w: ValueWhere): string =>
  w.subject === 'output'
    ? 'run output: '
    : w.subject === 'body'
      ? 'webhook body: '
      : w.subject === 'error'
        ? 'run error '
        : `${w.node}: `;

/** The English sentence of each key — the catalogue of keys the runner may produce. */
export const FAILURE_SENTENCES: { [K in FailureKey]: (p: FailureParams[K]) => string } = {
  'flowTest.statusMismatch': (p) => `run ${p.actual}, expected ${p.expected}`,
  'flowTest.statusMismatchError': (p) => `run ${p.actual} (${p.code}: ${p.error}), expected ${p.expected}`,
  'flowTest.valueNotEqual': (p) => `${prefix(p)}expected ${p.expected}, got ${p.actual}`,
  'flowTest.valueDiffers': (p) => `${prefix(p)}${p.path}: expected ${p.expected}, got ${p.actual}`,
  'flowTest.valueNotObject': (p) =>
    `${prefix(p)}${p.path}: expected an object like ${p.expected}, got ${p.actual}`,
  'flowTest.satisfiesFalse': (p) => `${prefix(p)}${p.expression} is ${p.verdict} for ${p.actual}`,
  'flowTest.satisfiesError': (p) =>
    `${prefix(p)}${p.expression} could not be evaluated (${p.code}: ${p.error})`,
  'flowTest.responseStatus': (p) => `webhook answered ${p.actual}, expected ${p.expected}`,
  'flowTest.headerMismatch': (p) => `header ${p.header} is ${p.actual}, expected ${p.expected}`,
  'flowTest.timesMismatch': (p) => `${p.node} started ${p.actual} times, expected ${p.expected}`,
  'flowTest.nodeFailed': (p) => `${p.node} failed (${p.code}: ${p.error})`,
  'flowTest.nodeProducedNothing': (p) => `${p.node} produced nothing`,
  'flowTest.wrongPort': (p) => `${p.node} emitted on ${p.ports || 'no port'}, not ${p.expected}`,
  'flowTest.notRun': (p) => `${p.node} did not run`,
  'flowTest.ranUnexpectedly': (p) => `${p.node} ran (${p.times} times)`,
  'flowTest.notRanOnce': (p) => `${p.node} started ${p.times} times, expected exactly once`,
  'flowTest.callbackOutcome': (p) => `callback ${p.index} was ${p.actual}, expected ${p.expected}`,
  'flowTest.callbackNotDelivered': (p) => `callback ${p.index} was not delivered, expected ${p.expected}`,
  'flowTest.callbackNeverPosted': (p) =>
    `callback ${p.index} was never posted: node ${p.node} did not ${p.waitFor}`,
  'flowTest.neverSettles': (p) =>
    `stopped after ${p.steps} steps and ${p.seconds} virtual seconds: the run never settles`,
  'flowTest.caseCouldNotRun': (p) => `the case could not run: ${p.code}: ${p.error}`,
  'flowTest.invalidTestFile': (p) => `${p.code}: ${p.problem}`,
};

/** Every declared key. */
export const FAILURE_KEYS = Object.keys(FAILURE_SENTENCES) as FailureKey[];

/** A failure's key, parameters and English sentence. */
export function failureSentence<K extends FailureKey>(key: K, params: FailureParams[K]): FailureSentence<K> {
  const clean = Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined),
  ) as FailureParams[K];
  return { key, params: clean, message: FAILURE_SENTENCES[key](clean) };
}
