import {
  type FlowDocument,
  isSealed,
  type JournalEntry,
  type Json,
  mapStrings,
  type RunRecord,
  SEALED_MASK,
  type WebhookResponse,
} from '@junction/runtime';
import { responseAnswer, resultAnswer } from '../webhooks/send-answer.ts';
import type { CallbackDelivery, CaseExpectations, FlowTestCase, ValueCheck } from './test-file-types.ts';

/** What `run.started` journals of the start options (the engine's `RunPlan`). */
interface StartPlan {
  trigger?: string;
  pinned?: Record<string, Record<string, Json>>;
}

/** Sealed values (card passwords…) never reach a test file, whatever the caller may read. */
const masked = <T>(value: T): T =>
  mapStrings(value as Json, (text) => (isSealed(text) ? SEALED_MASK : text)) as T;

/** A callback the server kept in its inbox because no run waited for it yet (`srv_callbacks`, outcome `early`). */
export interface EarlyArrival {
  channel: string;
  key: string;
  /** When it reached the server. */
  at: number;
}

/**
 * The callbacks a run received, in order. One that reached the server before the run waited for it
 * (an early arrival kept in the inbox) is delivered `during` the node that was running when it
 * arrived (the trigger when the run had not started yet), so under test it is early again — `after`
 * that node would find the run already waiting, as virtual time moves only when the run is idle.
 * Any other is delivered at its observed offset from the run's start.
 */
function callbacksOf(
  run: RunRecord,
  journal: JournalEntry[],
  early: readonly EarlyArrival[],
): CallbackDelivery[] {
  const unused = [...early].sort((a, b) => a.at - b.at);
  const finished = journal.filter((e) => e.type === 'node.completed' && e.nodeId !== undefined);
  const deliveries: CallbackDelivery[] = [];
  const waitingSince = new Map<string, number>();
  for (const entry of journal) {
    if (entry.type === 'node.waiting' && entry.nodeId) waitingSince.set(entry.nodeId, entry.at);
    const data = (entry.data ?? {}) as { reason?: string; channel?: string; key?: string; payload?: Json };
    const received =
      (entry.type === 'node.resumed' && data.reason === 'callback') ||
      (entry.type === 'node.noted' && data.channel !== undefined);
    if (!received || data.channel === undefined) continue;
    const since = entry.nodeId ? (waitingSince.get(entry.nodeId) ?? entry.at) : entry.at;
    const index = unused.findIndex((a) => a.channel === data.channel && a.key === data.key && a.at <= since);
    const arrival = index >= 0 ? unused.splice(index, 1)[0] : undefined;
    // The node that was running when it arrived (the first to finish after), so it races it again.
    const racing = arrival
      ? finished.find((e) => e.at >= arrival.at && e.nodeId !== entry.nodeId)
      : undefined;
    deliveries.push({
      ...(racing?.nodeId ? { during: racing.nodeId } : { at: Math.max(0, entry.at - run.createdAt) }),
      channel: data.channel,
      ...(data.key !== undefined ? { key: data.key } : {}),
      body: masked(data.payload ?? null),
    });
  }
  return deliveries;
}

/** The check of a webhook body: the run id it carries differs in every run, so errors are matched by code. */
function bodyCheck(status: number, body: Json): ValueCheck {
  const error = (body as { error?: { code?: string } } | null)?.error;
  if (status >= 400 && error?.code) return { contains: { error: { code: error.code } } };
  if (status === 202 && (body as { status?: string } | null)?.status === 'waiting')
    return { contains: { status: 'waiting' } };
  return { equals: body };
}

/**
 * A draft test case from a finished run (or test run) and its journal: the trigger input, the
 * callbacks it received, pinned outputs as mocks, and what it did as expectations — its status,
 * error code, the webhook's answer and the path it took (nodes run, nodes skipped). `early` are the
 * callbacks the server kept in its inbox around the run, to tell which ones it found waiting.
 */
export function caseFromRun(
  run: RunRecord,
  journal: JournalEntry[],
  flow: FlowDocument | undefined,
  early: readonly EarlyArrival[] = [],
): FlowTestCase {
  const first = journal[0];
  const plan = (first?.type === 'run.started' ? (first.data ?? {}) : {}) as StartPlan;
  const started = new Set<string>();
  const skipped = new Set<string>();
  let response: WebhookResponse | undefined;
  for (const entry of journal) {
    if (entry.type === 'node.started' && entry.nodeId) started.add(entry.nodeId);
    if (entry.type === 'node.skipped' && entry.nodeId) skipped.add(entry.nodeId);
    if (entry.type === 'run.response' && response === undefined)
      response = entry.data as unknown as WebhookResponse;
  }
  const status = run.status === 'queued' || run.status === 'running' ? 'waiting' : run.status;
  const result = {
    runId: run.id,
    status,
    ...(run.output !== undefined ? { output: run.output } : {}),
    ...(run.error !== undefined ? { error: run.error } : {}),
  };
  const answer = response ? responseAnswer(run.id, response) : resultAnswer(run.id, result);
  const known = new Set(flow?.nodes.map((n) => n.id) ?? [...started, ...skipped]);
  const expect: CaseExpectations = {
    status,
    ...(run.error ? { error: { code: run.error.code } } : {}),
    response: { status: answer.status, body: masked(bodyCheck(answer.status, answer.body)) },
    ran: [...started].filter((id) => known.has(id)),
    notRan: [...skipped].filter((id) => known.has(id) && !started.has(id)),
  };
  const mocks = Object.fromEntries(
    Object.entries(plan.pinned ?? {})
      .filter(([id]) => known.has(id))
      .map(([id, outputs]) => [id, { outputs: masked(outputs) }]),
  );
  const callbacks = callbacksOf(run, journal, early);
  const triggers = flow?.nodes.filter((n) => n.type.startsWith('trigger.')).length ?? 0;
  return {
    name: `from run ${run.id}`,
    description: `Made from ${run.test ? 'test run' : 'run'} ${run.id} (${run.status}).`,
    ...(plan.trigger && triggers > 1 ? { trigger: plan.trigger } : {}),
    input: masked(run.input),
    ...(Object.keys(mocks).length > 0 ? { mocks } : {}),
    ...(callbacks.length > 0 ? { callbacks } : {}),
    expect,
  };
}
