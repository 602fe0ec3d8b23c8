import { JunctionError } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { FlowTestRepository, type VersionTestSummary } from './flow-test-repository.ts';
import { runServerTests } from './run-server-tests.ts';

/** How the tests went for one version a deploy would put live. */
export interface GateResult extends VersionTestSummary {
  version: number;
  /** Names of the cases that failed. */
  failedCases: string[];
}

/**
 * The deploy gate (`junction serve --require-tests`): runs the flow's stored tests against every
 * version a deploy puts live (the main one and the canary), recording each result with its version.
 * No test file: `JX_DEPLOY_TESTS_MISSING`; any case failing: `JX_DEPLOY_TESTS_FAILED` naming the
 * failing cases. Resolves to the results when every case passed.
 */
export async function assertTestsPass(
  ctx: ServerContext,
  flowId: string,
  versions: readonly number[],
): Promise<GateResult[]> {
  if (!(await new FlowTestRepository(ctx.db).find(flowId)))
    throw new JunctionError(
      'JX_DEPLOY_TESTS_MISSING',
      `This server requires a flow's tests to pass before it is deployed, and flow ${flowId} has none; save a test file first (PUT /api/flows/${flowId}/tests).`,
      { flowId },
    );
  const results: GateResult[] = [];
  for (const version of new Set(versions)) {
    const result = await runServerTests(ctx, { flowId, version });
    const failedCases = result.cases.filter((c) => !c.passed).map((c) => c.name);
    const summary = result.recorded as VersionTestSummary;
    results.push({ version, ...summary, failedCases });
  }
  const failing = results.filter((r) => !r.passed);
  if (failing.length > 0) {
    const names = [...new Set(failing.flatMap((r) => r.failedCases))];
    throw new JunctionError(
      'JX_DEPLOY_TESTS_FAILED',
      `Not deployed: the tests of flow ${flowId} failed for version ${failing.map((r) => r.version).join(' and ')} (${names.join('; ')}).`,
      {
        flowId,
        failedCases: names,
        results: results.map(({ version, passed, total, failed, failedCases }) => ({
          version,
          passed,
          total,
          failed,
          failedCases,
        })),
      },
    );
  }
  return results;
}
