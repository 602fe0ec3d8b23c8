import type { RunResult } from '@junction/runtime';
import { responseAnswer, resultAnswer, type WebhookAnswer } from '../webhooks/send-answer.ts';
import { checkValue, diffFailure, show, subsetDiff } from './check-value.ts';
import type { CallbackOutcomeName } from './deliver-callbacks.ts';
import {
  type FailureKey,
  type FailureParams,
  type FailureSentence,
  failureSentence,
} from './failure-catalogue.ts';
import { nodeValue, type RunObservations } from './run-observations.ts';
import type { CaseExpectations } from './test-file-types.ts';

/**
 * A failed expectation: where in the case (a JSON pointer under `/expect`), the node it concerns,
 * its stable `key` and `params` (see failure-catalogue.ts) and the English `message`.
 */
export interface ExpectationFailure extends FailureSentence {
  pointer: string;
  /** The node it is about, for the editor's canvas. */
  nodeId?: string;
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
  const push = (pointer: string, sentence: FailureSentence, nodeId?: string) =>
    failures.push({ pointer, ...(nodeId ? { nodeId } : {}), ...sentence });
  const fail = <K extends FailureKey>(pointer: string, key: K, params: FailureParams[K], nodeId?: string) =>
    push(pointer, failureSentence(key, params), nodeId);
  if (expect.status !== undefined && expect.status !== result.status) {
    if (result.error)
      fail('/expect/status', 'flowTest.statusMismatchError', {
        actual: result.status,
        expected: expect.status,
        code: result.error.code,
        error: result.error.message,
      });
    else
      fail('/expect/status', 'flowTest.statusMismatch', { actual: result.status, expected: expect.status });
  }
  if (expect.error !== undefined) {
    const diff = subsetDiff(expect.error, result.error);
    if (diff) push('/expect/error', diffFailure(diff, { subject: 'error' }));
  }
  if (expect.output)
    for (const f of await checkValue(expect.output, result.output, { subject: 'output' }))
      push('/expect/output', f);
  if (expect.response) {
    const answer = webhookAnswer(result, seen);
    if (expect.response.status !== undefined && expect.response.status !== answer.status)
      fail('/expect/response/status', 'flowTest.responseStatus', {
        actual: answer.status,
        expected: expect.response.status,
      });
    if (expect.response.body)
      for (const f of await checkValue(expect.response.body, answer.body, { subject: 'body' }))
        push('/expect/response/body', f);
    for (const [name, value] of Object.entries(expect.response.headers ?? {})) {
      const actual = Object.entries(answer.headers).find(
        ([h]) => h.toLowerCase() === name.toLowerCase(),
      )?.[1];
      if (actual !== value)
        fail(`/expect/response/headers/${name}`, 'flowTest.headerMismatch', {
          header: name,
          actual: show(actual),
          expected: show(value),
        });
    }
  }
  for (const [id, check] of Object.entries(expect.nodes ?? {})) {
    const at = `/expect/nodes/${id}`;
    const times = seen.started.get(id) ?? 0;
    if (check.times !== undefined && times !== check.times)
      fail(`${at}/times`, 'flowTest.timesMismatch', { node: id, actual: times, expected: check.times }, id);
    const hasValueCheck = 'equals' in check || check.contains !== undefined || check.satisfies !== undefined;
    if (!hasValueCheck) continue;
    const outputs = seen.outputs.get(id);
    if (outputs === undefined) {
      const failed = seen.failed.get(id);
      if (failed) fail(at, 'flowTest.nodeFailed', { node: id, code: failed.code, error: failed.message }, id);
      else fail(at, 'flowTest.nodeProducedNothing', { node: id }, id);
      continue;
    }
    if (check.port !== undefined && !(check.port in outputs)) {
      fail(
        `${at}/port`,
        'flowTest.wrongPort',
        { node: id, ports: Object.keys(outputs).join(', '), expected: check.port },
        id,
      );
      continue;
    }
    for (const f of await checkValue(check, nodeValue(outputs, check.port), { subject: 'node', node: id }))
      push(at, f, id);
  }
  expect.ran?.forEach((id, i) => {
    if (!seen.started.has(id)) fail(`/expect/ran/${i}`, 'flowTest.notRun', { node: id }, id);
  });
  expect.notRan?.forEach((id, i) => {
    const times = seen.started.get(id);
    if (times !== undefined) fail(`/expect/notRan/${i}`, 'flowTest.ranUnexpectedly', { node: id, times }, id);
  });
  expect.ranOnce?.forEach((id, i) => {
    const times = seen.started.get(id) ?? 0;
    if (times !== 1) fail(`/expect/ranOnce/${i}`, 'flowTest.notRanOnce', { node: id, times }, id);
  });
  expect.callbacks?.forEach((outcome, i) => {
    const actual = callbacks[i];
    if (actual === undefined)
      fail(`/expect/callbacks/${i}`, 'flowTest.callbackNotDelivered', { index: i, expected: outcome });
    else if (actual !== outcome)
      fail(`/expect/callbacks/${i}`, 'flowTest.callbackOutcome', { index: i, actual, expected: outcome });
  });
  return failures;
}
