import type { ApiClient } from '../api/api-client.ts';
import type { FlowTestCase } from '../api/flow-test-types.ts';
import type { FlowDocument } from '../document/flow-types.ts';
import { EditorError } from '../errors/editor-error.ts';
import { errorSentence } from '../i18n/error-sentence.ts';
import { draftCaseOfRun, loadFlowTests, runFlowTests, saveFlowTests } from './flow-tests-api.ts';
import { appendCase } from './test-file.ts';
import { recordResults, resetTests, type TestsStore } from './tests-store.ts';

/** `CODE: sentence` in the editor's language, for the panel's error line. */
export function describeFailure(error: unknown): string {
  return error instanceof EditorError ? `${error.code}: ${errorSentence(error)}` : String(error);
}

/** A problem of a test file the server refused, at its pointer. */
export interface TestFileProblem {
  pointer: string;
  message: string;
}

/** The problems of a `JX_FLOW_TESTS_INVALID` refusal (422), else undefined. */
export function testFileProblems(error: unknown): TestFileProblem[] | undefined {
  if (!(error instanceof EditorError) || error.code !== 'JX_FLOW_TESTS_INVALID') return undefined;
  const problems = (error.details as { problems?: unknown }).problems;
  if (!Array.isArray(problems)) return [{ pointer: '', message: errorSentence(error) }];
  return problems.map((p: { pointer?: unknown; message?: unknown }) => ({
    pointer: typeof p.pointer === 'string' ? p.pointer : '',
    message: typeof p.message === 'string' ? p.message : String(p.message),
  }));
}

/**
 * Loads the flow's test file into the store (a flow not saved yet has none). Results of an earlier
 * flow are dropped; those of the same flow are kept.
 */
export async function refreshTests(tests: TestsStore, api: ApiClient, flowId: string): Promise<void> {
  if (tests.getState().flowId !== flowId) resetTests(tests, flowId);
  try {
    const { tests: file } = await loadFlowTests(api, flowId);
    if (tests.getState().flowId === flowId) tests.setState({ file, loaded: true, error: null });
  } catch (error) {
    if (tests.getState().flowId !== flowId) return;
    const missing = error instanceof EditorError && error.details.status === 404;
    tests.setState({ file: null, loaded: true, error: missing ? null : describeFailure(error) });
  }
}

/**
 * Runs the flow's cases (all, or those in `names`) against the open document — unsaved edits
 * included — and records each case's result.
 */
export async function runTests(
  tests: TestsStore,
  api: ApiClient,
  document: FlowDocument,
  names?: string[],
): Promise<void> {
  const { file } = tests.getState();
  if (!file) return;
  tests.setState({ running: names ?? ['*'], error: null });
  try {
    const response = await runFlowTests(api, document.id, {
      document,
      tests: file,
      ...(names && { cases: names }),
    });
    if (tests.getState().flowId === document.id) recordResults(tests, response.cases);
  } catch (error) {
    tests.setState({ error: describeFailure(error) });
  } finally {
    tests.setState({ running: [] });
  }
}

/** What saving a run as a test came to: saved, or refused with the file's problems. */
export type SaveAsTestOutcome = { saved: true; name: string } | { saved: false; problems: TestFileProblem[] };

/**
 * Appends `testCase` under `name` to the flow's test file (read fresh from the server, so cases
 * added elsewhere are kept; created when the flow has none) and saves it. A 422 comes back as the
 * problems to show; any other failure is thrown.
 */
export async function saveCaseToFlow(
  tests: TestsStore,
  api: ApiClient,
  flowId: string,
  testCase: FlowTestCase,
  name: string,
): Promise<SaveAsTestOutcome> {
  let current = null;
  try {
    current = (await loadFlowTests(api, flowId)).tests;
  } catch (error) {
    if (!(error instanceof EditorError && error.details.status === 404)) throw error;
  }
  const file = appendCase(current, testCase, name);
  try {
    const saved = await saveFlowTests(api, flowId, file);
    if (tests.getState().flowId !== flowId) resetTests(tests, flowId);
    tests.setState({ file: saved.tests ?? file, loaded: true, error: null });
    return { saved: true, name };
  } catch (error) {
    const problems = testFileProblems(error);
    if (problems) return { saved: false, problems };
    throw error;
  }
}

/** The draft case of a run (`GET /api/runs/:id/test-case`). */
export function draftCase(api: ApiClient, runId: string): Promise<FlowTestCase> {
  return draftCaseOfRun(api, runId);
}
