import {
  isSealed,
  type Json,
  openSealed,
  openString,
  type RunStore,
  sealString,
  type ValueSealer,
  type WebhookResponse,
} from '@junction/runtime';
import type { WebhookAnswer } from './send-answer.ts';

/** What the answers are read from and sealed with (the server context fits). */
export interface AnswerStore {
  store: RunStore;
  sealer: ValueSealer;
}

/** Key/value namespace of the answers idempotent webhook requests were sent, by run id. */
const ANSWERS = 'junction.webhook-answer';
/** Where versions before the journaled `run.response` kept respond-node answers. */
const LEGACY_RESPONSES = 'junction.webhook-response';
/** How long an answer is kept for replays (a shop's retries come within hours, not months). */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Records the answer an idempotent webhook request is about to be sent — before it is sent, so a
 * process that dies right after sending still leaves it for the retry to get, exactly. The answer
 * may carry the goods (a respond node's body with card passwords), so it is kept sealed, whole.
 */
export async function recordAnswer(
  { store, sealer }: AnswerStore,
  runId: string,
  answer: WebhookAnswer,
  now = Date.now(),
): Promise<void> {
  const sealed = { sealed: sealString(sealer, JSON.stringify(answer)) };
  await store.kvSet(ANSWERS, runId, sealed, now + KEEP_MS);
}

/** The answer {@link recordAnswer} kept for a run, if one was sent. */
export async function recordedAnswer(
  { store, sealer }: AnswerStore,
  runId: string,
  now = Date.now(),
): Promise<WebhookAnswer | undefined> {
  const kept = (await store.kvGet(ANSWERS, runId, now)) as { sealed?: Json } | undefined;
  // Answers recorded by versions before sealing are kept as they were.
  if (typeof kept?.sealed !== 'string') return kept as WebhookAnswer | undefined;
  // Erased by the retention purge: no answer to replay any more.
  if (!isSealed(kept.sealed)) return undefined;
  return JSON.parse(openString(sealer, kept.sealed)) as WebhookAnswer;
}

/**
 * The answer a run's `flow.respond` node gave, as its journal recorded it before the answer left
 * (the first one, should a crash have made the node answer twice) — for a retry whose first attempt
 * got no answer at all. Runs answered by an older version kept it in the key/value store instead.
 */
export async function recordedResponse(
  { store, sealer }: AnswerStore,
  runId: string,
  now = Date.now(),
): Promise<WebhookResponse | undefined> {
  const entry = (await store.readJournal(runId)).find((e) => e.type === 'run.response');
  // The journal holds sensitive values sealed; the shop gets them plain.
  if (entry) return openSealed(sealer, entry.data) as unknown as WebhookResponse;
  return (await store.kvGet(LEGACY_RESPONSES, runId, now)) as WebhookResponse | undefined;
}
