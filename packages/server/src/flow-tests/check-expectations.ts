import type { RunResult } from '@junction/runtime';
import { responseAnswer, resultAnswer, type WebhookAnswer } from '../webhooks/send-answer.ts';
import { checkValue, show, subsetDifference } from './check-value.ts';
import type { CallbackOutcomeName } from './deliver-callbacks.ts';
import { nodeValue, type RunObservations } from './run-observations.ts';
import type { CaseExpectations } from './test-file-types.ts';

/** A failed expectation: where in the case (a JSON pointer under `/expect`) and what differed. */
export interface ExpectationFailure {
  pointer: string;
  /** The node it is about, for the editor's canvas. */
  nodeId?: string;
  message: string;
}

/** The webhook's answer as the server would send it: a `flow.respond` node's, else the run's result. */
export function webhookAnswer(result: RunResult, seen: RunObservations): WebhookAnswer {
  return seen.response ? responseAnswer(result.runId, seen.response) : resultAnswer(result.runId, result);
}

/** Checks every expectation of a case against what the run did; empty when all hold. */
export async function checkExpectations(
  expect: CaseExpectations,
  result: RunResult,
  seen: RunObservations,
  callbacks: CallbackOutcomeName[],
): Promise<ExpectationFailure[]> {
  const failures: ExpectationFailure[] = [];
  const fail = (pointer: string, message: string, nodeId?: string) =>
    failures.push({ pointer, message, ...(nodeId ? { nodeId } : {}) });
  if (expect.status !== undefined && expect.status !== result.status) {
    const why = result.error ? ` (${result.error.code}: ${result.error.message})` : '';
    fail('/expect/status', `run ${result.status}${why}, expected ${expect.status}`);
  }
  if (expect.error !== undefined) {
    const diff = subsetDifference(expect.error, result.error);
    if (diff) fail('/expect/error', `run error ${diff}`);
  }
  if (expect.output)
    for (const m of await checkValue(expect.output, result.output))
      fail('/expect/output', `run output: ${m}`);
  if (expect.response) {
    const answer = webhookAnswer(result, seen);
    if (expect.response.status !== undefined && expect.response.status !== answer.status)
      fail(
        '/expect/response/status',
        `webhook answered ${answer.status}, expected ${expect.response.status}`,
      );
    if (expect.response.body)
      for (const m of await checkValue(expect.response.body, answer.body))
        fail('/expect/response/body', `webhook body: ${m}`);
    for (const [name, value] of Object.entries(expect.response.headers ?? {})) {
      const actual = Object.entries(answer.headers).find(
        ([h]) => h.toLowerCase() === name.toLowerCase(),
      )?.[1];
      if (actual !== value)
        fail(
          `/expect/response/headers/${name}`,
          `header ${name} is ${show(actual)}, expected ${show(value)}`,
        );
    }
  }
  for (const [id, check] of Object.entries(expect.nodes ?? {})) {
    const at = `/expect/nodes/${id}`;
    const times = seen.started.get(id) ?? 0;
    if (check.times !== undefined && times !== check.times)
      fail(`${at}/times`, `${id} started ${times} times, expected ${check.times}`, id);
    const hasValueCheck = 'equals' in check || check.contains !== undefined || check.satisfies !== undefined;
    if (!hasValueCheck) continue;
    const outputs = seen.outputs.get(id);
    if (outputs === undefined) {
      const failed = seen.failed.get(id);
      fail(at, failed ? `${id} failed (${failed.code}: ${failed.message})` : `${id} produced nothing`, id);
      continue;
    }
    if (check.port !== undefined && !(check.port in outputs)) {
      fail(
        `${at}/port`,
        `${id} emitted on ${Object.keys(outputs).join(', ') || 'no port'}, not ${check.port}`,
        id,
      );
      continue;
    }
    for (const m of await checkValue(check, nodeValue(outputs, check.port))) fail(at, `${id}: ${m}`, id);
  }
  expect.ran?.forEach((id, i) => {
    if (!seen.started.has(id)) fail(`/expect/ran/${i}`, `${id} did not run`, id);
  });
  expect.notRan?.forEach((id, i) => {
    if (seen.started.has(id)) fail(`/expect/notRan/${i}`, `${id} ran (${seen.started.get(id)} times)`, id);
  });
  expect.ranOnce?.forEach((id, i) => {
    const times = seen.started.get(id) ?? 0;
    if (times !== 1) fail(`/expect/ranOnce/${i}`, `${id} started ${times} times, expected exactly once`, id);
  });
  expect.callbacks?.forEach((outcome, i) => {
    const actual = callbacks[i] ?? 'not delivered';
    if (actual !== outcome)
      fail(`/expect/callbacks/${i}`, `callback ${i} was ${actual}, expected ${outcome}`);
  });
  return failures;
}
