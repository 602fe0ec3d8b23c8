import type { ApiClient } from '../api/api-client.ts';
import type {
  FlowTestCase,
  FlowTestFile,
  FlowTestsResponse,
  RunFlowTestsRequest,
  RunFlowTestsResponse,
} from '../api/flow-test-types.ts';

const base = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/tests`;

/** `GET /api/flows/:id/tests`: the flow's test file (`tests: null` when it has none). */
export function loadFlowTests(api: ApiClient, flowId: string): Promise<FlowTestsResponse> {
  return api.request<FlowTestsResponse>('GET', base(flowId));
}

/** `PUT /api/flows/:id/tests`; a file that does not fit the schema fails with `JX_FLOW_TESTS_INVALID`. */
export function saveFlowTests(
  api: ApiClient,
  flowId: string,
  tests: FlowTestFile,
): Promise<FlowTestsResponse> {
  return api.request<FlowTestsResponse>('PUT', base(flowId), tests);
}

/** `POST /api/flows/:id/tests/run`: runs all cases (or those named) against `body.document`. */
export function runFlowTests(
  api: ApiClient,
  flowId: string,
  body: RunFlowTestsRequest,
): Promise<RunFlowTestsResponse> {
  return api.request<RunFlowTestsResponse>('POST', `${base(flowId)}/run`, body);
}

/**
 * `GET /api/runs/:id/test-case`: a draft case built from a run (its input, and what it did as the
 * expectations). Accepts the case itself or wrapped as `{case}` / `{testCase}`.
 */
export async function draftCaseOfRun(api: ApiClient, runId: string): Promise<FlowTestCase> {
  const body = await api.request<FlowTestCase | { case: FlowTestCase } | { testCase: FlowTestCase }>(
    'GET',
    `/api/runs/${encodeURIComponent(runId)}/test-case`,
  );
  if ('testCase' in body) return body.testCase;
  if ('case' in body) return body.case;
  return body;
}
