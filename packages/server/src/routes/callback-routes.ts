import { type Json, type RunStore, SUBFLOW_CHANNEL } from '@junction/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeError, errorBody } from '../app/error-handler.ts';
import type {} from '../app/fastify-augmentations.ts';
import { ingressBody } from '../app/ingress-body.ts';
import type { IngressRateLimiter } from '../app/ingress-rate-limit.ts';
import type { ServerContext } from '../app/server-context.ts';
import { toAcknowledgement } from '../callbacks/acknowledgement.ts';
import { callbackContextOf } from '../callbacks/callback-context.ts';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '../callbacks/callback-log.ts';
import { DEFAULT_ENVIRONMENT, ENVIRONMENT_NAME_PATTERN } from '../environments/environment-names.ts';
import { readKeyPath, verifyIncoming } from '../integration/runtime-glue.ts';
import { claimNonce } from '../vault/claim-nonce.ts';

/** The metric label of channels no deployed flow uses: one value, however many names senders try. */
export const UNKNOWN_CHANNEL_LABEL = '(unknown)';

/**
 * Callback ingress (`POST /callbacks/:channel`, verified by signature) and the callback log. Every
 * callback is recorded, refusals before the handler (bad JSON, too large, too deep) included — except
 * those over the server's rate limits (per client and channel, per channel), answered 429 unrecorded:
 * recording them would let a flood write to the database at its own pace.
 */
export function callbackRoutes(app: FastifyInstance, ctx: ServerContext, limiter: IngressRateLimiter): void {
  const record = async (
    environment: string,
    channel: string,
    key: string | null,
    outcome: CallbackOutcome,
    extra: { runId?: string; reason?: string } = {},
  ) => {
    await ctx.callbackLog.record({ channel, key, outcome, ...extra });
    // Channels come from unauthenticated URLs: unknown ones share one label, or anyone could grow
    // the metric (and the persisted counters) without bound.
    const entries = ctx.callbackIndex.lookup(channel, environment);
    ctx.metrics.callback(
      entries.length > 0 ? channel : UNKNOWN_CHANNEL_LABEL,
      outcome,
      entries.map((entry) => entry.flowId),
    );
  };

  // `/callbacks/<channel>` serves production (as before environments); `/callbacks/<env>/<channel>`
  // verifies and acknowledges with that environment's deployments (its credential bindings).
  const environmentOf = (params: { environment?: string }) => params.environment ?? DEFAULT_ENVIRONMENT;
  for (const url of ['/callbacks/:channel', '/callbacks/:environment/:channel']) {
    app.post<{ Params: { channel: string; environment?: string } }>(
      url,
      {
        config: { access: 'public' },
        onRequest: async (request, reply) => {
          const { channel } = request.params;
          const environment = environmentOf(request.params);
          const known =
            channel !== SUBFLOW_CHANNEL && ctx.callbackIndex.lookup(channel, environment).length > 0;
          const target = {
            ingress: 'callback' as const,
            name: known ? channel : undefined,
            limit: limiter.defaults,
          };
          if (await limiter.refuse(request, reply, target)) return reply;
        },
        errorHandler: async (error, request, reply) => {
          const { status, body, headers } = describeError(error, request);
          if (headers) reply.headers(headers);
          const { channel } = request.params;
          const environment = environmentOf(request.params);
          const outcome = ctx.callbackIndex.lookup(channel, environment).length > 0 ? 'rejected' : 'unknown';
          await record(environment, channel, null, outcome, {
            reason: `${body.error.code}: ${body.error.message}`,
          }).catch((failure: unknown) =>
            request.log.error({ err: String(failure) }, 'callback not recorded'),
          );
          return reply.status(status).send(body);
        },
        schema: {
          summary:
            url === '/callbacks/:channel'
              ? 'Callback ingress (production): verifies, resumes the waiting run by key, answers the acknowledgement'
              : 'Callback ingress of one environment: verified with its credentials, acknowledged as its flows say',
          tags: ['ingress'],
          params: {
            type: 'object',
            required: ['channel'],
            properties: {
              channel: { type: 'string' },
              ...(url === '/callbacks/:channel'
                ? {}
                : { environment: { type: 'string', pattern: ENVIRONMENT_NAME_PATTERN } }),
            },
          },
        },
      },
      async (request, reply: FastifyReply) => {
        const { channel } = request.params;
        const environment = environmentOf(request.params);
        // The engine's own channel (sub-flow completion) is never reachable from outside.
        const entry =
          channel === SUBFLOW_CHANNEL ? undefined : ctx.callbackIndex.lookup(channel, environment)[0];
        if (!entry) {
          await record(environment, channel, null, 'unknown', {
            reason: 'no deployed flow awaits this channel',
          });
          return reply
            .status(404)
            .send(
              errorBody(
                'JX_CALLBACK_UNKNOWN_CHANNEL',
                `No deployed flow waits for callbacks on channel ${channel}.`,
                { channel },
              ),
            );
        }
        const { engine } = ctx;
        const { description } = entry;
        const { credentialId } = description;
        const verifier = credentialId ? await ctx.vault.resolve(credentialId) : undefined;
        const body = ((await ingressBody(request, async () => verifier)) ?? null) as Json;
        const keyForLog = callbackKey(request, body, description.keyFrom, description.keyPath);
        let release: (() => Promise<void>) | undefined;
        if (description.credentialId) {
          if (!verifier) {
            // 503, not 401: the supplier did nothing wrong and retries 5xx answers, so its callback
            // arrives once the flow's owner restores the credential. Nothing is resumed meanwhile.
            await record(environment, channel, keyForLog, 'rejected', {
              reason: `verification credential ${description.credentialId} is missing`,
            });
            request.log.error(
              { channel, credentialId: description.credentialId },
              'callback verification unavailable',
            );
            return reply
              .status(503)
              .header('retry-after', '60')
              .send(
                errorBody(
                  'JX_CALLBACK_VERIFICATION_UNAVAILABLE',
                  `Callbacks on channel ${channel} must be verified, but the flow's verification credential is missing; the flow's owner must restore or replace it.`,
                  { channel },
                ),
              );
          }
          const verdict = await claimNonce(
            ctx.nonces,
            verifier.id,
            await verifyIncoming(verifier, {
              headers: request.headers as Record<string, string>,
              query: request.query as Record<string, string>,
              body,
              method: request.method,
              path: request.url.split('?')[0] ?? '/',
              ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
            }),
          );
          if (verdict.ok && verdict.release) release = verdict.release;
          if (!verdict.ok) {
            await record(environment, channel, keyForLog, 'rejected', { reason: verdict.reason });
            reply.header('x-junction-error', verdict.code);
            if (description.refusal !== undefined) {
              // The supplier's convention for a refused notice; the code stays in the header and the log.
              const refusal = toAcknowledgement(description.refusal, 401);
              return reply.status(refusal.status).type(refusal.contentType).send(refusal.body);
            }
            return reply
              .status(401)
              .send(
                errorBody(
                  'JX_CALLBACK_SIGNATURE_INVALID',
                  `The callback failed verification: ${verdict.reason}`,
                  { channel, code: verdict.code },
                ),
              );
          }
        }
        if (keyForLog === null) {
          const where = `${description.keyFrom === 'body' ? '' : `${description.keyFrom} `}${description.keyPath}`;
          await record(environment, channel, null, 'rejected', { reason: `no correlation key at ${where}` });
          return reply.status(400).send(
            errorBody('JX_CALLBACK_KEY_MISSING', `The callback has no correlation key at ${where}.`, {
              channel,
              keyPath: description.keyPath,
              keyFrom: description.keyFrom,
            }),
          );
        }
        const verifiedBy = verifier?.id;
        if (verifiedBy !== undefined && !(await waitTrusts(ctx.store, channel, keyForLog, verifiedBy))) {
          // Delivering it would resume another environment's run, or be taken as its notice.
          await release?.().catch(() => undefined);
          await record(environment, channel, keyForLog, 'rejected', {
            reason: `verified with credential ${verifiedBy}, which the waiting run does not use`,
          });
          return reply
            .status(401)
            .send(
              errorBody(
                'JX_CALLBACK_WRONG_ENVIRONMENT',
                `The run waiting for key ${keyForLog} on channel ${channel} belongs to another environment; send the callback to that environment's URL, signed with its credential.`,
                { channel },
              ),
            );
        }
        let delivery: Awaited<ReturnType<typeof engine.resume>>;
        try {
          const context = callbackContextOf(request);
          delivery = await engine.resume(
            channel,
            keyForLog,
            body,
            verifiedBy === undefined ? context : { ...context, verifiedBy },
          );
        } catch (error) {
          // Not delivered: the supplier's retry (with the same nonce) must not be taken for a replay.
          await release?.().catch(() => undefined);
          throw error;
        }
        await record(
          environment,
          channel,
          keyForLog,
          delivery.outcome,
          delivery.outcome === 'matched' ? { runId: delivery.wait.runId } : {},
        );
        const ack = toAcknowledgement(description.ack);
        return reply.status(ack.status).type(ack.contentType).send(ack.body);
      },
    );
  }

  app.get<{ Querystring: { channel?: string; outcome?: string; limit?: number } }>(
    '/api/callbacks',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'Recorded callbacks with their outcome, newest first',
        tags: ['ingress'],
        querystring: {
          type: 'object',
          properties: {
            channel: { type: 'string' },
            outcome: { type: 'string', enum: CALLBACK_OUTCOMES },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
      },
    },
    async (request) => ({ callbacks: await ctx.callbackLog.list(request.query) }),
  );
}

/**
 * False when a run waits on (channel, key) whose await node's (environment-resolved) credentials do
 * not include the credential that verified the callback; true when none waits (the engine decides an
 * early notice when a run consumes it) or the wait's node uses that credential.
 */
async function waitTrusts(
  store: RunStore,
  channel: string,
  key: string,
  verifiedBy: string,
): Promise<boolean> {
  const wait = await store.findWait(channel, key);
  if (!wait) return true;
  const run = await store.getRun(wait.runId);
  const document = run && (await store.getFlowSnapshot(run.flowHash));
  const node = document?.nodes.find((candidate) => candidate.id === wait.nodeId);
  if (!node) return true;
  return Object.values(node.credentials ?? {}).includes(verifiedBy);
}

/** The callback's correlation key: at a path of the body, or a header or query parameter by name. */
function callbackKey(
  request: FastifyRequest,
  body: Json,
  keyFrom: 'body' | 'header' | 'query',
  keyPath: string,
): string | null {
  if (keyFrom === 'body') return readKeyPath(body, keyPath) ?? null;
  const source = (keyFrom === 'header' ? request.headers : request.query) as Record<string, unknown>;
  const name = keyFrom === 'header' ? keyPath.toLowerCase() : keyPath;
  const value = Array.isArray(source[name]) ? (source[name] as unknown[])[0] : source[name];
  return typeof value === 'string' && value !== '' ? value : null;
}
