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

/** A callback resumed the node no later than this after it began waiting: it was already there (early). */
const EARLY_WITHIN_MS = 2;

/** Sealed values (card passwords…) never reach a test file, whatever the caller may read. */
const masked = <T>(value: T): T =>
  mapStrings(value as Json, (text) => (isSealed(text) ? SEALED_MASK : text)) as T;

/**
 * The callbacks a run received, in order: a callback that was waiting in the inbox when the run got
 * to its await node becomes `after` the node that finished last before that; any other is delivered
 * at its observed offset from the run's start.
 */
function callbacksOf(run: RunRecord, journal: JournalEntry[]): CallbackDelivery[] {
  const deliveries: CallbackDelivery[] = [];
  const waitingSince = new Map<string, number>();
  let lastFinished: string | undefined;
  for (const entry of journal) {
    if (entry.type === 'node.waiting' && entry.nodeId) waitingSince.set(entry.nodeId, entry.at);
    const data = (entry.data ?? {}) as { reason?: string; channel?: string; key?: string; payload?: Json };
    const received =
      (entry.type === 'node.resumed' && data.reason === 'callback') ||
      (entry.type === 'node.noted' && data.channel !== undefined);
    if (received && data.channel !== undefined) {
      const since = entry.nodeId ? waitingSince.get(entry.nodeId) : undefined;
      const early = since !== undefined && entry.at - since <= EARLY_WITHIN_MS && lastFinished !== undefined;
      deliveries.push({
        ...(early ? { after: lastFinished as string } : { at: Math.max(0, entry.at - run.createdAt) }),
        channel: data.channel,
        ...(data.key !== undefined ? { key: data.key } : {}),
        body: masked(data.payload ?? null),
      });
    }
    if (entry.type === 'node.completed' && entry.nodeId && !waitingSince.has(entry.nodeId))
      lastFinished = entry.nodeId;
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
 * error code, the webhook's answer and the path it took (nodes run, nodes skipped).
 */
export function caseFromRun(
  run: RunRecord,
  journal: JournalEntry[],
  flow: FlowDocument | undefined,
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
  const callbacks = callbacksOf(run, journal);
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
