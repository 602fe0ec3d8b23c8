import type { RunResult, WebhookResponse } from '@junction/runtime';
import type { FastifyReply } from 'fastify';
import { errorBody } from '../app/error-handler.ts';
import { runErrorStatus } from './run-error-status.ts';
import type { WebhookSettings } from './webhook-index.ts';

/** Answers with the trigger's configured status and body (`responseMode: immediately`). */
export function sendConfigured(reply: FastifyReply, runId: string, settings: WebhookSettings): FastifyReply {
  reply.header('x-junction-run-id', runId);
  if (typeof settings.responseBody === 'string') reply.type('text/plain; charset=utf-8');
  return reply.status(settings.responseStatus).send(settings.responseBody);
}

/**
 * Answers with a run's result (`onFinish`): its output, 202 while it waits, or its error with the
 * status {@link runErrorStatus} picks (422 input, 502 supplier, the flow's own for `flow.fail`, else 500).
 */
export function sendResult(reply: FastifyReply, runId: string, result: RunResult): FastifyReply {
  reply.header('x-junction-run-id', runId);
  if (result.status === 'succeeded') return reply.status(200).send(result.output ?? null);
  if (result.status === 'waiting') return reply.status(202).send({ runId, status: 'waiting' });
  const error = result.error ?? { code: 'JX_RUN_CANCELLED', message: 'The run was cancelled.' };
  const status = runErrorStatus(error.code, error.details);
  return reply.status(status).send(errorBody(error.code, error.message, { ...error.details, runId }));
}

/** Answers with what a `flow.respond` node sent (`respondNode`); a string body is text unless typed. */
export function sendResponse(reply: FastifyReply, runId: string, response: WebhookResponse): FastifyReply {
  reply.header('x-junction-run-id', runId);
  for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
  if (typeof response.body === 'string') {
    if (!response.headers || !Object.keys(response.headers).some((h) => h.toLowerCase() === 'content-type')) {
      reply.type('text/plain; charset=utf-8');
    }
  }
  return reply.status(response.status).send(response.body);
}
