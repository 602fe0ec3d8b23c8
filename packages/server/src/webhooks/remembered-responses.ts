import type { Json, RunStore, WebhookResponse } from '@junction/runtime';

/** Key/value namespace of the answers `flow.respond` gave to idempotent webhooks, by run id. */
const NAMESPACE = 'junction.webhook-response';

/** How long a respond-node answer is kept for replays; later repeats get the run's result instead. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Keeps a respond-node answer of an idempotent webhook run: the engine does not journal it (it is an
 * event), and a repeated request after the run finished must get the same answer.
 */
export async function rememberResponse(
  store: RunStore,
  runId: string,
  response: WebhookResponse,
  now = Date.now(),
): Promise<void> {
  const value: Json = { status: response.status, headers: response.headers ?? {}, body: response.body };
  await store.kvSet(NAMESPACE, runId, value, now + KEEP_MS);
}

/** The answer kept by {@link rememberResponse}, if any. */
export async function rememberedResponse(
  store: RunStore,
  runId: string,
  now = Date.now(),
): Promise<WebhookResponse | undefined> {
  return (await store.kvGet(NAMESPACE, runId, now)) as WebhookResponse | undefined;
}
