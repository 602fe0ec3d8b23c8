import {
  type Json,
  JunctionError,
  openSealed,
  type ResolvedCredential,
  timeOrderedId,
  type WebhookResponse,
} from '@junction/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../app/error-handler.ts';
import type {} from '../app/fastify-augmentations.ts';
import { ingressBody } from '../app/ingress-body.ts';
import { type IngressRateLimiter, limitWith } from '../app/ingress-rate-limit.ts';
import type { ServerContext } from '../app/server-context.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';
import { redactHeaders, verifyIncoming } from '../integration/runtime-glue.ts';
import { startDeployedRun } from '../runs/start-deployed-run.ts';
import { type ClaimedVerdict, claimNonce } from '../vault/claim-nonce.ts';
import { idempotencyKeyOf, idempotentRunId, type WebhookRequest } from '../webhooks/idempotency-key.ts';
import { recordAnswer, recordedResponse } from '../webhooks/remembered-responses.ts';
import { replayWebhook } from '../webhooks/replay-webhook.ts';
import {
  configuredAnswer,
  responseAnswer,
  resultAnswer,
  sendAnswer,
  type WebhookAnswer,
} from '../webhooks/send-answer.ts';
import { matchWebhookPath, type WebhookEntry } from '../webhooks/webhook-index.ts';

/** The trigger's `verify` credential, when it verifies requests (its charset reads unlabelled bodies). */
async function verifierOf(ctx: ServerContext, entry: WebhookEntry): Promise<ResolvedCredential | undefined> {
  const credentialId = entry.node.credentials?.verify;
  if (entry.settings.verification === 'none' || !credentialId) return undefined;
  return ctx.vault.resolve(credentialId);
}

/**
 * Checks the request with the trigger's `verify` credential (and claims its nonce, if the scheme has
 * one); answers and returns `refused` when it is refused. A plain object, not the reply: a Fastify
 * reply is thenable and an awaited one resolves to undefined, which once read as "not refused" and
 * started the run after answering 401. `release` undoes the nonce claim.
 */
async function refuseUnverified(
  ctx: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  entry: WebhookEntry,
  message: WebhookRequest,
): Promise<{ refused: boolean; release?: () => Promise<void> }> {
  if (entry.settings.verification === 'none') return { refused: false };
  const credentialId = entry.node.credentials?.verify;
  const credential = credentialId ? await ctx.vault.resolve(credentialId) : undefined;
  let verdict: ClaimedVerdict | undefined;
  let unusable = credential ? undefined : `credential ${credentialId ?? '(none chosen)'} does not exist`;
  if (credential) {
    try {
      verdict = await claimNonce(
        ctx.nonces,
        credential.id,
        await verifyIncoming(credential, {
          headers: message.headers as Record<string, string>,
          query: message.query,
          body: message.body,
          method: message.method,
          path: request.url.split('?')[0] ?? '/',
          ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
        }),
      );
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
    return { refused: true };
  }
  if (verdict.ok) return verdict.release ? { refused: false, release: verdict.release } : { refused: false };
  request.log.warn({ path: message.path, code: verdict.code }, 'webhook rejected');
  reply.status(401).send(
    errorBody('JX_WEBHOOK_SIGNATURE_INVALID', `The request failed verification: ${verdict.reason}`, {
      path: message.path,
      code: verdict.code,
    }),
  );
  return { refused: true };
}

/** A verified webhook: starts its run, or replays the answer of the run its idempotency key names. */
async function answerVerified(
  ctx: ServerContext,
  reply: FastifyReply,
  entry: WebhookEntry,
  input: WebhookRequest,
): Promise<FastifyReply> {
  const setting = entry.settings.idempotencyKey;
  const key = setting ? await idempotencyKeyOf(setting, input) : undefined;
  // Verified and keyed: the caller's own credentials go no further (run input, journal, API).
  const runInput: WebhookRequest = {
    ...input,
    headers: redactHeaders(input.headers as Record<string, Json>) as Record<string, string>,
  };
  if (key === undefined) return startAndAnswer(ctx, reply, entry, runInput, timeOrderedId(), false);
  // Keys are per environment: a sandbox request never replays production's answer.
  const scope =
    entry.environment === DEFAULT_ENVIRONMENT ? entry.flowId : `${entry.flowId}@${entry.environment}`;
  const runId = idempotentRunId(scope, key);
  // Checked before starting because a queued start (scale-out) reports an existing run as started.
  if (await ctx.store.getRun(runId)) return replayWebhook(ctx, reply, entry, runId);
  return startAndAnswer(ctx, reply, entry, runInput, runId, true);
}

/** How long a webhook waits for its run's answer before a 202 "recorded, still running" (default). */
const WEBHOOK_WAIT_MS = 30_000;

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
        environment: entry.environment,
      });
    } catch (error) {
      // A concurrent request with the same key won the race for the run id.
      if (idempotent && error instanceof JunctionError && error.code === 'JX_RUN_EXISTS') {
        return replayWebhook(ctx, reply, entry, runId);
      }
      throw error;
    }
    // An idempotent request's answer is recorded before it leaves: a retry gets exactly this.
    const send = async (answer: WebhookAnswer) => {
      if (idempotent) await recordAnswer(ctx, runId, answer);
      return sendAnswer(reply, answer);
    };
    if (mode === 'immediately') {
      started.handle.done.catch(() => {});
      return send(configuredAnswer(runId, entry.settings));
    }
    // Across processes the result is read back from the store, sensitive values sealed: the shop gets them open.
    const done = started.handle.done.then((result) => ({
      kind: 'done' as const,
      result:
        result.output === undefined ? result : { ...result, output: openSealed(ctx.sealer, result.output) },
    }));
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<{ kind: 'patience' }>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'patience' }), ctx.limits.webhookWaitMs ?? WEBHOOK_WAIT_MS);
      timer.unref();
    });
    const first = await Promise.race([
      done,
      response.then((r) => ({ kind: 'response' as const, response: r })),
      patience,
    ]).finally(() => clearTimeout(timer));
    if (first.kind === 'patience') {
      // No answer yet (no worker free, a slow supplier, the database away): the run is recorded and
      // goes on. This answer is recorded like any other, so a retry gets exactly it, never a later
      // one; should recording fail, the caller gets a coded 503 and its retry the run's answer.
      started.handle.done.catch(() => {});
      return send({
        status: 202,
        headers: { 'x-junction-run-id': runId },
        body: { runId, status: 'accepted', recorded: true },
      });
    }
    if (first.kind === 'response') {
      started.handle.done.catch(() => {});
      return send(responseAnswer(runId, first.response));
    }
    // The answer's event can be lost between processes (pub/sub); the journal holds it anyway.
    const recorded = mode === 'respondNode' ? await recordedResponse(ctx, runId) : undefined;
    return send(recorded ? responseAnswer(runId, recorded) : resultAnswer(runId, first.result));
  } finally {
    unsubscribe();
  }
}

/**
 * `ALL /hooks/*`: finds the deployed webhook trigger for the path and method, verifies the request
 * with the trigger's credential, starts the run (canary routing included) and answers per the
 * trigger's response mode. With an `idempotencyKey`, the run id comes from flow id + key, so a
 * repeated request finds the first run and is answered from it (`x-junction-replayed: true`).
 * Requests over the trigger's rate limits (per client, per path) are answered 429 before the body is read.
 */
export function webhookRoutes(app: FastifyInstance, ctx: ServerContext, limiter: IngressRateLimiter): void {
  // `/hooks/<env>/<path>` serves that environment's deployment; the unprefixed path serves production.
  const match = async (path: string, method: string) =>
    matchWebhookPath(
      ctx.webhookIndex,
      (await ctx.environments.list()).map((e) => e.name),
      path,
      method,
    );
  app.all(
    '/hooks/*',
    {
      config: { access: 'public' },
      schema: { summary: 'Webhook triggers of deployed flows', tags: ['ingress'] },
      onRequest: async (request, reply) => {
        const path = (request.params as { '*': string })['*'];
        const { entry } = await match(path, request.method);
        const limit = limitWith(limiter.defaults, entry?.settings.rateLimit);
        if (await limiter.refuse(request, reply, { ingress: 'webhook', name: entry?.settings.path, limit })) {
          return reply;
        }
      },
    },
    async (request, reply) => {
      const requested = (request.params as { '*': string })['*'];
      const { entry, methodMismatch, path } = await match(requested, request.method);
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
        body: ((await ingressBody(request, () => verifierOf(ctx, entry))) ?? null) as Json,
      };
      const { refused, release } = await refuseUnverified(ctx, request, reply, entry, input);
      if (refused) return reply;
      try {
        return await answerVerified(ctx, reply, entry, input);
      } catch (error) {
        // Not handled: the sender's retry (with the same nonce) must not be taken for a replay.
        await release?.().catch(() => undefined);
        throw error;
      } finally {
        if (reply.statusCode >= 500) await release?.().catch(() => undefined);
      }
    },
  );
}
