import { type Json, JunctionError } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import { DEFAULT_ENVIRONMENT, TEST_RUN_ENVIRONMENT } from './environment-names.ts';
import type { Environment } from './environment-repository.ts';

/** What a test-run request names. */
export interface TestRunTarget {
  flow?: Json;
  flowId?: string;
  version?: number;
  environment?: string;
  confirmProduction?: boolean;
}

/**
 * Where a test run runs: `sandbox` unless the caller names another environment; production only
 * with `confirmProduction: true` (409 `JX_TEST_RUN_PRODUCTION_UNCONFIRMED`), so a test run never
 * signs with production credentials by accident. Also checks the request names either a document
 * (`flow`) or a stored version (`flowId` + `version`), not both.
 */
export async function resolveTestRunEnvironment(
  ctx: ServerContext,
  body: TestRunTarget,
): Promise<{ environment: Environment; flowId?: string; version?: number }> {
  const byVersion = body.version !== undefined || body.flowId !== undefined;
  if (byVersion === (body.flow !== undefined) || (byVersion && (!body.flowId || !body.version))) {
    throw new JunctionError(
      'JX_TEST_RUN_TARGET',
      'A test run names either a flow document (flow) or a stored version (flowId and version), not both and not neither.',
      { flow: body.flow !== undefined, flowId: body.flowId ?? null, version: body.version ?? null },
    );
  }
  const name = body.environment ?? TEST_RUN_ENVIRONMENT;
  const environment = await ctx.environments.get(name);
  if (name === DEFAULT_ENVIRONMENT && body.confirmProduction !== true) {
    throw new JunctionError(
      'JX_TEST_RUN_PRODUCTION_UNCONFIRMED',
      `A test run in ${name} uses production credentials; pass confirmProduction: true to run it there.`,
      { environment: name },
    );
  }
  return {
    environment,
    ...(byVersion ? { flowId: body.flowId as string, version: body.version as number } : {}),
  };
}
