import { randomUUID } from 'node:crypto';
import type { Json, RunResult, WebhookResponse } from '@junction/runtime';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody } from '../app/error-handler.ts';
import type {} from '../app/fastify-augmentations.ts';
import { statusForCode } from '../app/http-status.ts';
import type { ServerContext } from '../app/server-context.ts';
import { verifyIncoming } from '../integration/runtime-glue.ts';
import { startDeployedRun } from '../runs/start-deployed-run.ts';

function sendResult(reply: FastifyReply, runId: string, result: RunResult): FastifyReply {
  reply.header('x-junction-run-id', runId);
  if (result.status === 'succeeded') return reply.status(200).send(result.output ?? null);
  if (result.status === 'waiting') return reply.status(202).send({ runId, status: 'waiting' });
  const error = result.error ?? { code: 'JX_RUN_CANCELLED', message: 'The run was cancelled.' };
  const status = error.code === 'JX_OUTPUT_TOO_LARGE' ? 422 : Math.max(statusForCode(error.code), 500);
  return reply.status(status).send(errorBody(error.code, error.message, { ...error.details, runId }));
}

function sendResponse(reply: FastifyReply, runId: string, response: WebhookResponse): FastifyReply {
  reply.header('x-junction-run-id', runId);
  for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
  if (typeof response.body === 'string') {
    if (!response.headers || !Object.keys(response.headers).some((h) => h.toLowerCase() === 'content-type')) {
      reply.type('text/plain; charset=utf-8');
    }
    return reply.status(response.status).send(response.body);
  }
  return reply.status(response.status).send(response.body);
}

/**
 * `ALL /hooks/*`: finds the deployed webhook trigger for the path and method, verifies the request
 * with the trigger's credential, starts the run (canary routing included) and answers per the
 * trigger's response mode.
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
      const { engine } = ctx;
      const body = (request.body ?? null) as Json;
      const query = request.query as Record<string, string>;
      const headers = request.headers as Record<string, string>;
      if (entry.settings.verification !== 'none') {
        const credentialId = entry.node.credentials?.verify;
        const credential = credentialId ? await ctx.vault.resolve(credentialId) : undefined;
        const verdict = credential
          ? verifyIncoming(credential, {
              headers,
              query,
              body,
              ...(request.rawBody !== undefined ? { rawBody: request.rawBody } : {}),
            })
          : {
              ok: false as const,
              code: 'JX_CREDENTIAL_NOT_FOUND',
              reason: 'the trigger has no verification credential',
            };
        if (!verdict.ok) {
          request.log.warn({ path, code: verdict.code }, 'webhook rejected');
          return reply
            .status(401)
            .send(
              errorBody(
                'JX_WEBHOOK_SIGNATURE_INVALID',
                `The request failed verification: ${verdict.reason}`,
                { path, code: verdict.code },
              ),
            );
        }
      }
      const input: Json = { method: request.method, path, headers, query, body };
      const runId = randomUUID();
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
        const started = await startDeployedRun(ctx, entry.flowId, input, {
          triggerNodeId: entry.node.id,
          runId,
        });
        if (mode === 'immediately') {
          started.handle.done.catch(() => {});
          reply.header('x-junction-run-id', runId);
          const { responseStatus, responseBody } = entry.settings;
          if (typeof responseBody === 'string') reply.type('text/plain; charset=utf-8');
          return reply.status(responseStatus).send(responseBody);
        }
        const done = started.handle.done.then((result) => ({ kind: 'done' as const, result }));
        const first = await Promise.race([
          done,
          response.then((r) => ({ kind: 'response' as const, response: r })),
        ]);
        if (first.kind === 'response') {
          started.handle.done.catch(() => {});
          return sendResponse(reply, runId, first.response);
        }
        return sendResult(reply, runId, first.result);
      } finally {
        unsubscribe();
      }
    },
  );
}
