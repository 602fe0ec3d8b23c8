import { type FlowDocument, JunctionError } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { secretVariants } from '../integration/runtime-glue.ts';
import { FlowTestRepository, type VersionTestSummary } from './flow-test-repository.ts';
import { parseTestFile } from './read-test-file.ts';
import type { CaseEnvironment } from './run-test-case.ts';
import { runTests, type TestFileResult } from './run-test-file.ts';
import type { FlowTestFile } from './test-file-types.ts';

/**
 * The server's production parts for test cases: its node types (under its egress policy), the
 * vault's credentials (so a `real` mock calls the sandbox as a deployed run would) and its flows
 * for sub-flows.
 */
export function serverCaseEnvironment(ctx: ServerContext): CaseEnvironment {
  return {
    registry: ctx.registry,
    credentials: { resolve: (id) => ctx.vault.resolve(id) },
    secretVariants,
    flows: {
      resolve: async (flowId, version) => {
        const v = version ?? (await ctx.deployments.find(flowId))?.version;
        if (v === undefined) return undefined;
        return { document: await ctx.flows.getVersion(flowId, v), version: v };
      },
    },
  };
}

/** What to test: the saved draft, a numbered version or an unsaved document, with which tests. */
export interface ServerTestRequest {
  flowId: string;
  version?: number;
  /** An unsaved document (already validated by the caller). */
  document?: FlowDocument;
  /** The test file to run instead of the stored one. */
  tests?: unknown;
  cases?: string[];
}

/** A run's result, with the summary recorded when it ran against a version. */
export interface ServerTestResult extends TestFileResult {
  version?: number;
  recorded?: VersionTestSummary;
}

/**
 * The tests given, else the flow's stored test file (`JX_FLOW_TESTS_NOT_FOUND` when none), checked
 * against `flow` so a mock of a node the document lacks is refused, not silently ignored.
 */
async function testsFor(
  ctx: ServerContext,
  request: ServerTestRequest,
  flow: FlowDocument,
): Promise<FlowTestFile> {
  if (request.tests !== undefined) return parseTestFile(request.tests, `${request.flowId}.tests.json`, flow);
  const stored = await new FlowTestRepository(ctx.db).find(request.flowId);
  if (!stored)
    throw new JunctionError(
      'JX_FLOW_TESTS_NOT_FOUND',
      `Flow ${request.flowId} has no tests; save a test file first (PUT /api/flows/${request.flowId}/tests).`,
      { flowId: request.flowId },
    );
  return parseTestFile(stored.tests, `${request.flowId}.tests.json`, flow);
}

/**
 * Runs a flow's tests on the server: against `document`, else version `version`, else the saved
 * draft. A run against a version is recorded with it (the versions API shows it, the deploy gate
 * reads it).
 */
export async function runServerTests(
  ctx: ServerContext,
  request: ServerTestRequest,
): Promise<ServerTestResult> {
  const { flowId, version } = request;
  const draft = await ctx.flows.get(flowId);
  const flow =
    request.document ?? (version !== undefined ? await ctx.flows.getVersion(flowId, version) : draft.flow);
  const tests = await testsFor(ctx, request, flow);
  if (request.cases) {
    const unknown = request.cases.filter((name) => !tests.cases.some((c) => c.name === name));
    if (unknown.length > 0)
      throw new JunctionError(
        'JX_FLOW_TEST_CASE_NOT_FOUND',
        `The tests of flow ${flowId} have no case ${unknown.join(', ')}.`,
        { flowId, cases: unknown },
      );
  }
  const result = await runTests(
    flow,
    tests,
    serverCaseEnvironment(ctx),
    `${flowId}.tests.json`,
    request.cases,
  );
  if (version === undefined || request.document !== undefined) return result;
  const recorded = await new FlowTestRepository(ctx.db).record(flowId, version, result);
  return { ...result, version, recorded };
}
