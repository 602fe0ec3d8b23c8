import {
  type CredentialResolver,
  createEngine,
  createMemoryStore,
  type FlowDocument,
  type FlowResolver,
  type Json,
  type NodeRegistry,
  newRunId,
  type RunResult,
  type SecretVariants,
  toErrorInfo,
} from '@junction/runtime';
import { checkExpectations, type ExpectationFailure, webhookAnswer } from './check-expectations.ts';
import { type CallbackOutcomeName, CallbackSchedule } from './deliver-callbacks.ts';
import { type FailureSentence, failureSentence } from './failure-catalogue.ts';
import { mockedRegistry } from './mocked-registry.ts';
import { observeRun } from './run-observations.ts';
import { settle } from './settle.ts';
import type { FlowTestCase } from './test-file-types.ts';
import { VirtualClock } from './virtual-clock.ts';

/** The production parts a case runs on (the server's registry, credentials, sub-flows). */
export interface CaseEnvironment {
  registry: NodeRegistry;
  credentials?: CredentialResolver;
  flows?: FlowResolver;
  secretVariants?: SecretVariants;
}

/** How one case went. */
export interface CaseResult {
  name: string;
  passed: boolean;
  failures: ExpectationFailure[];
  runId: string;
  status: RunResult['status'];
  error?: RunResult['error'];
  /** The webhook's answer as the server would send it. */
  response: { status: number; body: Json };
  /** Node starts by id, for the report and the canvas. */
  nodes: Record<string, { runs: number; status: 'succeeded' | 'failed' | 'skipped' }>;
  callbacks: (CallbackOutcomeName | null)[];
  /** Virtual time the run took, in ms. */
  virtualMs: number;
}

/**
 * Leases beyond any virtual jump of a case (about 69 days; a third of it must still fit a timer), so
 * nothing is taken over or recovered while virtual time runs ahead.
 */
const LEASE_MS = 6_000_000_000;
/** Virtual time a case may run: a flow still waiting then is stopped there and judged as it is. */
const HORIZON_MS = 60 * 86_400_000;
/** Steps of virtual time a case may take (a poll every second for a day is 86 400). */
const MAX_STEPS = 200_000;

function withVars(flow: FlowDocument, vars: Record<string, Json>): FlowDocument {
  if (Object.keys(vars).length === 0) return flow;
  const settings = flow.settings ?? {};
  return { ...flow, settings: { ...settings, variables: { ...(settings.variables ?? {}), ...vars } } };
}

/**
 * Runs one case on the production engine and node types, with an in-memory store and virtual time.
 *
 * 1. The registry's `run` functions are wrapped: mocked nodes answer from the case, others run.
 * 2. The run starts at the case's `startAt`; whenever the engine is idle (no node code running, no
 *    event for a few turns, no due timer unclaimed) virtual time jumps to whatever is due next — a
 *    callback of the case, a retry's backoff or a store timer (deadline, sleep, poll) — so they
 *    happen in the order and with the outcome they would in real time, without the waiting.
 *    At one instant callbacks go first, then backoffs, then timers.
 * 3. When nothing is due any more (or the horizon of 60 virtual days is passed) the run is
 *    judged as it stands: its status, answer and node values against the expectations.
 */
export async function runTestCase(
  flow: FlowDocument,
  testCase: FlowTestCase,
  env: CaseEnvironment,
  fileVars: Record<string, Json> = {},
): Promise<CaseResult> {
  const document = withVars(flow, { ...fileVars, ...(testCase.vars ?? {}) });
  const startedAt = testCase.startAt ? Date.parse(testCase.startAt) : Date.now();
  const clock = new VirtualClock(startedAt);
  const runId = newRunId();
  const { seen, listen, ran } = observeRun(runId);
  let busy = 0;
  let schedule: CallbackSchedule | undefined;
  const registry = mockedRegistry(env.registry, {
    mocks: testCase.mocks ?? {},
    flowId: flow.id,
    ran,
    busy: (delta) => {
      busy += delta;
    },
    beforeResult: (nodeId) => schedule?.during(nodeId) ?? Promise.resolve(),
  });
  const store = createMemoryStore();
  const engine = createEngine({
    store,
    registry,
    credentials: {
      // A credential the runner lacks is a stand-in without secrets: mocked nodes never use it, and a
      // node that runs for real with it fails as it would with a wrong secret.
      resolve: async (id) =>
        (await env.credentials?.resolve(id)) ?? { id, kind: 'test-stand-in', data: {}, allowedHosts: [] },
    },
    ...(env.flows ? { flows: env.flows } : {}),
    ...(env.secretVariants ? { secretVariants: env.secretVariants } : {}),
    now: clock.now,
    delay: clock.delay,
    timerPollMs: 1,
    leaseMs: LEASE_MS,
  });
  schedule = new CallbackSchedule(testCase.callbacks ?? [], document, engine, startedAt);
  const callbacks = schedule;
  engine.on(listen);
  engine.on((event) => {
    if ((event.type === 'node.completed' || event.type === 'node.failed') && event.runId === runId)
      if (event.type === 'node.completed' || !event.willRetry)
        callbacks.nodeFinished(event.nodeId, clock.now());
  });
  const extra: FailureSentence[] = [];
  try {
    engine.startBackground();
    await engine.start(document, {
      runId,
      input: testCase.input ?? {},
      test: true,
      ...(testCase.trigger ? { triggerNodeId: testCase.trigger } : {}),
    });
    for (let step = 0; ; step++) {
      await settle({ busy: () => busy, events: () => seen.events, store, now: clock.now });
      const next = [callbacks.nextDue(), clock.nextDelayDue(), await store.nextTimerDue()]
        .filter((t): t is number => t !== undefined)
        .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
      if (next === Number.POSITIVE_INFINITY) break;
      if (next - startedAt > HORIZON_MS || step >= MAX_STEPS) {
        extra.push(
          failureSentence('flowTest.neverSettles', {
            steps: step,
            seconds: Math.round((clock.now() - startedAt) / 1000),
          }),
        );
        break;
      }
      const callbackDue = callbacks.nextDue();
      if (callbackDue !== undefined && callbackDue <= next) {
        clock.advanceTo(callbackDue);
        await callbacks.deliverDue(clock.now());
      } else clock.advanceTo(next);
    }
    extra.push(...callbacks.undelivered());
  } catch (error) {
    const info = toErrorInfo(error);
    extra.push(failureSentence('flowTest.caseCouldNotRun', { code: info.code, error: info.message }));
  } finally {
    await engine.stop();
  }
  const record = await store.getRun(runId);
  await store.close();
  const result: RunResult = {
    runId,
    status:
      record?.status === 'succeeded' || record?.status === 'failed' || record?.status === 'cancelled'
        ? record.status
        : 'waiting',
    ...(record?.output !== undefined ? { output: record.output } : {}),
    ...(record?.error !== undefined ? { error: record.error } : {}),
  };
  const outcomes = callbacks.outcomes.map((o) => o ?? null);
  const failures = [
    ...extra.map((sentence) => ({ pointer: '', ...sentence })),
    ...(await checkExpectations(
      testCase.expect,
      result,
      seen,
      callbacks.outcomes.map((o) => o ?? 'early'),
    )),
  ];
  const answer = webhookAnswer(result, seen);
  const nodes: CaseResult['nodes'] = {};
  for (const [id, runs] of seen.started)
    nodes[id] = { runs, status: seen.failed.has(id) && !seen.outputs.has(id) ? 'failed' : 'succeeded' };
  for (const id of seen.skipped) nodes[id] ??= { runs: 0, status: 'skipped' };
  return {
    name: testCase.name,
    passed: failures.length === 0,
    failures,
    runId,
    status: result.status,
    ...(result.error ? { error: result.error } : {}),
    response: { status: answer.status, body: answer.body },
    nodes,
    callbacks: outcomes,
    virtualMs: clock.now() - startedAt,
  };
}
