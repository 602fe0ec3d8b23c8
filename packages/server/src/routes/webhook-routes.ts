import { type Json, JunctionError, timeOrderedId, type WebhookResponse } from '@junction/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../app/error-handler.ts';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { redactHeaders, type VerifyResult, verifyIncoming } from '../integration/runtime-glue.ts';
import { startDeployedRun } from '../runs/start-deployed-run.ts';
import { idempotencyKeyOf, idempotentRunId, type WebhookRequest } from '../webhooks/idempotency-key.ts';
import { rememberResponse } from '../webhooks/remembered-responses.ts';
import { replayWebhook } from '../webhooks/replay-webhook.ts';
import { sendConfigured, sendResponse, sendResult } from '../webhooks/send-answer.ts';
import type { WebhookEntry } from '../webhooks/webhook-index.ts';

/**
 * Checks the request with the trigger's `verify` credential; answers and returns true when it is refused.
 * A boolean, not the reply: a Fastify reply is thenable and an awaited one resolves to undefined, which
 * once read as "not refused" and started the run after answering 401.
 */
async function refuseUnverified(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: WebhookEntry,
  message: WebhookRequest,
): Promise<boolean> {
  if (entry.settings.verification === 'none') return false;
  const credentialId = entry.node.credentials?.verify;
  const credential = credentialId ? await ctx.vault.resolve(credentialId) : undefined;
  let verdict: VerifyResult | undefined;
  let unusable = credential ? undefined : `credential ${credentialId ?? '(none chosen)'} does not exist`;
  if (credential) {
    try {
      verdict = verifyIncoming(credential, {
        headers: message.headers as Record<string, string>,
        query: message.query,
        body: message.body,
        ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
      });
    } catch (error) {
      // A credential whose settings cannot describe a scheme: the flow's fault, not the sender's.
      if (!(error instanceof JunctionError)) throw error;
      unusable = error.message;
    }
  }
  if (!verdict) {
    // 503, not 401: the sender did nothing wrong, and suppliers retry 5xx answers, so their
    // notifications arrive once the flow's owner has chosen a working credential.
    request.log.error(
      { path: message.path, flowId: entry.flowId, node: entry.node.id, reason: unusable },
      'webhook verification unavailable',
    );
    reply
      .status(503)
      .header('retry-after', '60')
      .send(
        errorBody(
          'JX_WEBHOOK_VERIFICATION_UNAVAILABLE',
          `The webhook at /hooks/${message.path} requires verification but has no usable ${entry.settings.verification} credential; the flow's owner must choose one in the trigger's "verify" slot.`,
          { path: message.path, verification: entry.settings.verification },
        ),
      );
    return true;
  }
  if (verdict.ok) return false;
  request.log.warn({ path: message.path, code: verdict.code }, 'webhook rejected');
  reply.status(401).send(
    errorBody('JX_WEBHOOK_SIGNATURE_INVALID', `The request failed verification: ${verdict.reason}`, {
      path: message.path,
      code: verdict.code,
    }),
  );
  return true;
}

/** Starts the run and answers per the trigger's response mode; a key already taken replays instead. */
async function startAndAnswer(
  ctx: ServerContext,
  reply: FastifyReply,
  entry: WebhookEntry,
  input: WebhookRequest,
  runId: string,
  idempotent: boolean,
): Promise<FastifyReply> {
  const { engine } = ctx;
  const mode = entry.settings.responseMode;
  // Subscribe before starting, so a response sent by the first nodes is not missed.
  let responded: ((response: WebhookResponse) => void) | undefined;
  const response = new Promise<WebhookResponse>((resolve) => {
    responded = resolve;
  });
  const unsubscribe =
    mode === 'respondNode'
      ? engine.on((event) => {
          if (event.type === 'run.response' && event.runId === runId) responded?.(event.response);
        })
      : () => {};
  try {
    let started: Awaited<ReturnType<typeof startDeployedRun>>;
    try {
      started = await startDeployedRun(ctx, entry.flowId, input as unknown as Json, {
        triggerNodeId: entry.node.id,
        runId,
      });
    } catch (error) {
      // A concurrent request with the same key won the race for the run id.
      if (idempotent && error instanceof JunctionError && error.code === 'JX_RUN_EXISTS') {
        return replayWebhook(ctx, reply, entry, runId);
      }
      throw error;
    }
    if (mode === 'immediately') {
      started.handle.done.catch(() => {});
      return sendConfigured(reply, runId, entry.settings);
    }
    const done = started.handle.done.then((result) => ({ kind: 'done' as const, result }));
    const first = await Promise.race([
      done,
      response.then((r) => ({ kind: 'response' as const, response: r })),
    ]);
    if (first.kind === 'response') {
      started.handle.done.catch(() => {});
      if (idempotent) await rememberResponse(ctx.store, runId, first.response);
      return sendResponse(reply, runId, first.response);
    }
    return sendResult(reply, runId, first.result);
  } finally {
    unsubscribe();
  }
}

/**
 * `ALL /hooks/*`: finds the deployed webhook trigger for the path and method, verifies the request
 * with the trigger's credential, starts the run (canary routing included) and answers per the
 * trigger's response mode. With an `idempotencyKey`, the run id comes from flow id + key, so a
 * repeated request finds the first run and is answered from it (`x-junction-replayed: true`).
 */
export function webhookRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.all(
    '/hooks/*',
    {
      config: { access: 'public' },
      schema: { summary: 'Webhook triggers of deployed flows', tags: ['ingress'] },
    },
    async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      const { entry, methodMismatch } = ctx.webhookIndex.match(path, request.method);
      if (!entry) {
        const status = methodMismatch ? 405 : 404;
        const code = methodMismatch ? 'JX_WEBHOOK_METHOD_NOT_ALLOWED' : 'JX_WEBHOOK_NOT_FOUND';
        const message = methodMismatch
          ? `The webhook at /hooks/${path} does not accept ${request.method}.`
          : `No deployed flow has a webhook at /hooks/${path}.`;
        return reply.status(status).send(errorBody(code, message, { path, method: request.method }));
      }
      const input: WebhookRequest = {
        method: request.method,
        path,
        headers: request.headers as Record<string, string>,
        query: request.query as Record<string, string>,
        body: (request.body ?? null) as Json,
      };
      if (await refuseUnverified(ctx, request, reply, entry, input)) return reply;
      const setting = entry.settings.idempotencyKey;
      const key = setting ? await idempotencyKeyOf(setting, input) : undefined;
      // Verified and keyed: the caller's own credentials go no further (run input, journal, API).
      const runInput: WebhookRequest = {
        ...input,
        headers: redactHeaders(input.headers as Record<string, Json>) as Record<string, string>,
      };
      if (key === undefined) return startAndAnswer(ctx, reply, entry, runInput, timeOrderedId(), false);
      const runId = idempotentRunId(entry.flowId, key);
      // Checked before starting because a queued start (scale-out) reports an existing run as started.
      if (await ctx.store.getRun(runId)) return replayWebhook(ctx, reply, entry, runId);
      return startAndAnswer(ctx, reply, entry, runInput, runId, true);
    },
  );
}
