import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type FlowDocument, JunctionError } from '@junction/runtime';
import { readJsonFile } from '../cli/read-flow-file.ts';
import { validateFlow } from '../integration/runtime-glue.ts';
import { parseTestFile } from './read-test-file.ts';
import { type CaseEnvironment, type CaseResult, runTestCase } from './run-test-case.ts';
import type { FlowTestFile } from './test-file-types.ts';

/** How the cases of one test file went. */
export interface TestFileResult {
  /** The test file (a path, or a name for files that came over the API). */
  file: string;
  flowId: string;
  passed: boolean;
  cases: CaseResult[];
}

/** Runs the cases of a parsed test file (all, or those named in `only`) one after another. */
export async function runTests(
  flow: FlowDocument,
  tests: FlowTestFile,
  env: CaseEnvironment,
  name: string,
  only?: readonly string[],
): Promise<TestFileResult> {
  const cases: CaseResult[] = [];
  for (const testCase of tests.cases) {
    if (only && !only.includes(testCase.name)) continue;
    cases.push(await runTestCase(flow, testCase, env, tests.vars));
  }
  return { file: name, flowId: flow.id, passed: cases.every((c) => c.passed), cases };
}

/**
 * The flow file a test file tests: its `flow`, else its own name without `.tests` (`order.tests.json`
 * tests `order.json`, or `order.flow.json` when only that exists).
 */
export function flowPathOf(testPath: string, tests: { flow?: string }): string {
  if (tests.flow !== undefined) return resolve(dirname(testPath), tests.flow);
  const stem = resolve(dirname(testPath), basename(testPath).replace(/\.tests\.json$/, ''));
  return existsSync(`${stem}.json`) || !existsSync(`${stem}.flow.json`)
    ? `${stem}.json`
    : `${stem}.flow.json`;
}

/**
 * Reads a `<flow>.tests.json` file and its flow, checks both (`JX_FLOW_TESTS_INVALID` with pointers,
 * `JX_FLOW_INVALID` with the flow's problems) and runs the cases.
 */
export async function runTestFile(path: string, env: CaseEnvironment): Promise<TestFileResult> {
  const text = readFileSync(path, 'utf8');
  const raw = parseTestFile(text, path);
  const flowPath = flowPathOf(path, raw);
  const document = readJsonFile(flowPath);
  const problems = validateFlow(document, env.registry);
  if (problems.length > 0) {
    throw new JunctionError(
      'JX_FLOW_INVALID',
      `The flow ${flowPath} tested by ${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0]?.message}`,
      { problems },
    );
  }
  const flow = document as FlowDocument;
  return runTests(flow, parseTestFile(text, path, flow), env, path);
}
