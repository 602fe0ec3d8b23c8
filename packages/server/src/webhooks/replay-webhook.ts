import type { WebhookResponse } from '@junction/runtime';
import type { FastifyReply } from 'fastify';
import type { ServerContext } from '../app/server-context.ts';
import { followRun } from './follow-run.ts';
import { rememberedResponse, rememberResponse } from './remembered-responses.ts';
import { sendConfigured, sendResponse, sendResult } from './send-answer.ts';
import type { WebhookEntry } from './webhook-index.ts';

/**
 * Answers a repeated idempotent webhook request from the run its key already started, never
 * starting another (header `x-junction-replayed: true`):
 * 1. `immediately` → the configured answer with the existing run's id.
 * 2. `respondNode` → the answer the run's `flow.respond` node gave (kept in the store), or the one it
 *    gives while we wait; if the run settles without one, its result (as the original request got).
 * 3. `onFinish` (and 2's fallback) → the run's result: output, 202 while waiting, or its error.
 */
export async function replayWebhook(
  ctx: ServerContext,
  reply: FastifyReply,
  entry: WebhookEntry,
  runId: string,
): Promise<FastifyReply> {
  reply.header('x-junction-replayed', 'true');
  const mode = entry.settings.responseMode;
  if (mode === 'immediately') return sendConfigured(reply, runId, entry.settings);
  if (mode === 'onFinish') return sendResult(reply, runId, await followRun(ctx, runId));

  let responded: ((response: WebhookResponse) => void) | undefined;
  const response = new Promise<WebhookResponse>((resolve) => {
    responded = resolve;
  });
  // Listen before reading the store, so an answer given in between is not missed.
  const unsubscribe = ctx.engine.on((event) => {
    if (event.type === 'run.response' && event.runId === runId) responded?.(event.response);
  });
  try {
    const kept = await rememberedResponse(ctx.store, runId);
    if (kept) return sendResponse(reply, runId, kept);
    const first = await Promise.race([
      response.then((r) => ({ kind: 'response' as const, response: r })),
      followRun(ctx, runId).then((result) => ({ kind: 'done' as const, result })),
    ]);
    if (first.kind === 'response') {
      // The request that started the run may be gone (its process restarted): keep the answer here too.
      await rememberResponse(ctx.store, runId, first.response);
      return sendResponse(reply, runId, first.response);
    }
    // The starting request stores the answer as it sends it; it may have landed just now.
    const late = await rememberedResponse(ctx.store, runId);
    return late ? sendResponse(reply, runId, late) : sendResult(reply, runId, first.result);
  } finally {
    unsubscribe();
  }
}
