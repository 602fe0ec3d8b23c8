import type { Json } from '@junction/runtime';

/**
 * A flow's test file (`<flow>.tests.json`, schema `docs/schemas/flow-tests.schema.json`): cases that
 * each start the flow with an input, replace named nodes by mocks, deliver callbacks at virtual times
 * and check what the run did.
 */
export interface FlowTestFile {
  schemaVersion: 1;
  /** The flow file, relative to the test file. Default: the test file's name without `.tests`. */
  flow?: string;
  /** Flow variables every case runs with (over the flow's own `settings.variables`). */
  vars?: Record<string, Json>;
  cases: FlowTestCase[];
}

/** One case: the trigger input, mocks, callbacks and what must be true afterwards. */
export interface FlowTestCase {
  name: string;
  description?: string;
  /** The trigger node to start from when the flow has several. */
  trigger?: string;
  /** The trigger input (a webhook's `{method, headers, query, body}`). */
  input?: Json;
  /** Flow variables of this case, over the file's. */
  vars?: Record<string, Json>;
  /** Where virtual time starts (ISO 8601). Default: the real time when the case starts. */
  startAt?: string;
  /** Nodes replaced, by id; `subflowId/nodeId` names a node of a sub-flow. The others run for real. */
  mocks?: Record<string, NodeMock>;
  callbacks?: CallbackDelivery[];
  expect: CaseExpectations;
}

/** An error a mock throws: the engine retries and routes it like a real node's. */
export interface MockError {
  code: string;
  message?: string;
  details?: Record<string, Json>;
  /** `false` adds `details.retryable: false` (the engine does not retry it). */
  retryable?: boolean;
}

/**
 * What a mocked node does when it runs: emit `output` on its first port (or `outputs` by port),
 * throw `error`, take the next of `sequence` on each attempt (the last one repeats), or `real`:
 * run the node itself (a real sandbox call), named only to say so.
 */
export type NodeMock =
  | { output: Json }
  | { outputs: Record<string, Json> }
  | { error: MockError }
  | { sequence: NodeMock[] }
  | { real: true };

/**
 * A callback posted to the flow's channel. `at` is virtual milliseconds after the run started (or a
 * duration such as `90s`, `2m`, `1h`); `during` delivers it while that node runs, before its result is
 * used (an early callback racing the create-order call); `after` right after that node finished.
 */
export interface CallbackDelivery {
  at?: number | string;
  during?: string;
  after?: string;
  /** Default: the channel of the flow's only `callback.await` node. */
  channel?: string;
  /** The correlation key. Default: read from the body at the await node's `keyPath`. */
  key?: string;
  body: Json;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** A callback whose signature does not verify: refused (`rejected`) and never delivered. */
  forged?: boolean;
}

/** How a value is checked: exactly, as a subset, or by a JSONata predicate (`$` is the value). */
export interface ValueCheck {
  equals?: Json;
  contains?: Json;
  satisfies?: string;
}

/** Expectations about one node of the run. */
export interface NodeExpectation extends ValueCheck {
  /** The port whose value is checked. Default: the only port the node emitted on. */
  port?: string;
  /** How many times the node started (attempts included). */
  times?: number;
}

/** What must be true when the run has settled. */
export interface CaseExpectations {
  status?: 'succeeded' | 'failed' | 'waiting' | 'cancelled';
  /** The run's error (subset), e.g. `{"code": "JX_USER_OUT_OF_STOCK"}`. */
  error?: Json;
  /** The run's output. */
  output?: ValueCheck;
  /** The webhook's answer: status and a body check (the flow's `flow.respond`, else the run's result). */
  response?: { status?: number; body?: ValueCheck; headers?: Record<string, string> };
  nodes?: Record<string, NodeExpectation>;
  /** Nodes that must have run (started at least once). */
  ran?: string[];
  /** Nodes that must not have run (skipped or never reached). */
  notRan?: string[];
  /** Nodes that must have started exactly once (no retry, no second run after a resume). */
  ranOnce?: string[];
  /** Outcomes of the case's callbacks, in the order they are listed. */
  callbacks?: Array<'matched' | 'early' | 'duplicate' | 'late' | 'rejected'>;
}
