import type { WebhookResponse } from '@junction/runtime';
import type { FastifyReply } from 'fastify';
import type { ServerContext } from '../app/server-context.ts';
import { followRun } from './follow-run.ts';
import { recordAnswer, recordedAnswer, recordedResponse } from './remembered-responses.ts';
import {
  configuredAnswer,
  responseAnswer,
  resultAnswer,
  sendAnswer,
  type WebhookAnswer,
} from './send-answer.ts';
import type { WebhookEntry } from './webhook-index.ts';

/**
 * Answers a repeated idempotent webhook request from the run its key already started, never
 * starting another (header `x-junction-replayed: true`):
 * 1. The answer an earlier request of this key was sent, recorded before it was sent: exactly that.
 * 2. None was sent (that request's process died first): what the webhook answers by its mode —
 *    `immediately` the configured answer; `respondNode` the answer the run's `flow.respond` node gave
 *    (journaled) or gives while we wait, else the result the run settles with; `onFinish` the result
 *    (output, 202 while waiting, or its error). That answer is recorded in turn, so later repeats
 *    get it too.
 */
export async function replayWebhook(
  ctx: ServerContext,
  reply: FastifyReply,
  entry: WebhookEntry,
  runId: string,
): Promise<FastifyReply> {
  reply.header('x-junction-replayed', 'true');
  const sent = await recordedAnswer(ctx, runId);
  if (sent) return sendAnswer(reply, sent);
  const answer = await firstAnswer(ctx, entry, runId);
  // The request that started the run may have been answered meanwhile (its 202 after webhookWaitMs):
  // that answer stays the one every retry gets.
  const meanwhile = await recordedAnswer(ctx, runId);
  if (meanwhile) return sendAnswer(reply, meanwhile);
  await recordAnswer(ctx, runId, answer);
  return sendAnswer(reply, answer);
}

async function firstAnswer(ctx: ServerContext, entry: WebhookEntry, runId: string): Promise<WebhookAnswer> {
  const mode = entry.settings.responseMode;
  if (mode === 'immediately') return configuredAnswer(runId, entry.settings);
  if (mode === 'onFinish') return resultAnswer(runId, await followRun(ctx, runId));

  let responded: ((response: WebhookResponse) => void) | undefined;
  const response = new Promise<WebhookResponse>((resolve) => {
    responded = resolve;
  });
  // Listen before reading the store, so an answer given in between is not missed.
  const unsubscribe = ctx.engine.on((event) => {
    if (event.type === 'run.response' && event.runId === runId) responded?.(event.response);
  });
  try {
    const kept = await recordedResponse(ctx, runId);
    if (kept) return responseAnswer(runId, kept);
    const first = await Promise.race([
      response.then((r) => ({ kind: 'response' as const, response: r })),
      followRun(ctx, runId).then((result) => ({ kind: 'done' as const, result })),
    ]);
    if (first.kind === 'response') return responseAnswer(runId, first.response);
    // The answer is journaled before it is sent; it may have landed just as the run settled.
    const late = await recordedResponse(ctx, runId);
    return late ? responseAnswer(runId, late) : resultAnswer(runId, first.result);
  } finally {
    unsubscribe();
  }
}
