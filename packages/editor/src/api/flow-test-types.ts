import type { Json } from '../document/flow-types.ts';

// Shapes of the server's flow-test API (packages/server/src/flow-tests/test-file-types.ts and
// run-test-case.ts), copied because the editor never imports server code. Only what the editor reads
// is typed closely; the rest of a case travels through untouched.

/** A flow's test file (`<flow>.tests.json`): cases run against the flow with mocks and expectations. */
export interface FlowTestFile {
  schemaVersion: 1;
  flow?: string;
  vars?: Record<string, Json>;
  cases: FlowTestCase[];
}

/** One case of a test file. Mocks, callbacks and expectations are kept as the server wrote them. */
export interface FlowTestCase {
  name: string;
  description?: string;
  trigger?: string;
  input?: Json;
  vars?: Record<string, Json>;
  startAt?: string;
  mocks?: Record<string, Json>;
  callbacks?: Json[];
  expect: Record<string, Json>;
}

/**
 * A failed expectation: where in the case (`/expect/…`), the node it concerns, and what differed —
 * as a stable `key` (`flowTest.*`, declared in packages/server/src/flow-tests/failure-catalogue.ts)
 * with its `params`, and the English `message` (the fallback for a key the editor does not know).
 */
export interface ExpectationFailure {
  pointer: string;
  nodeId?: string;
  key?: string;
  params?: Record<string, string | number>;
  message: string;
}

/** How one case went (`POST /api/flows/:id/tests/run`). */
export interface CaseResult {
  name: string;
  passed: boolean;
  failures: ExpectationFailure[];
  runId: string;
  status: 'succeeded' | 'failed' | 'waiting' | 'cancelled';
  error?: { code: string; message: string; details?: Record<string, unknown> };
  response?: { status: number; body: Json };
  nodes?: Record<string, { runs: number; status: 'succeeded' | 'failed' | 'skipped' }>;
  virtualMs?: number;
}

/** `GET|PUT /api/flows/:id/tests`. */
export interface FlowTestsResponse {
  flowId: string;
  tests: FlowTestFile | null;
  updatedAt: number | string | null;
}

/** Body of `POST /api/flows/:id/tests/run`: the open document, optionally some cases or another file. */
export interface RunFlowTestsRequest {
  version?: number;
  document?: unknown;
  cases?: string[];
  tests?: FlowTestFile;
}

/** `POST /api/flows/:id/tests/run`. */
export interface RunFlowTestsResponse {
  file?: string;
  flowId: string;
  passed: boolean;
  cases: CaseResult[];
}
