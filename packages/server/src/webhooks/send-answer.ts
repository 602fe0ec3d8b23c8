import type { Json, RunResult, WebhookResponse } from '@junction/runtime';
import type { FastifyReply } from 'fastify';
import { errorBody } from '../app/error-handler.ts';
import { runErrorStatus } from './run-error-status.ts';
import type { WebhookSettings } from './webhook-index.ts';

/** A webhook answer as data: what is sent, and what an idempotent request records to replay. */
export interface WebhookAnswer {
  status: number;
  /** The headers that matter to the caller (the run id, content type, the flow's own). */
  headers: Record<string, string>;
  body: Json;
}

const TEXT = 'text/plain; charset=utf-8';

function hasContentType(headers: Record<string, string> | undefined): boolean {
  return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'content-type');
}

/** The trigger's configured status and body (`responseMode: immediately`). */
export function configuredAnswer(runId: string, settings: WebhookSettings): WebhookAnswer {
  const headers: Record<string, string> = { 'x-junction-run-id': runId };
  if (typeof settings.responseBody === 'string') headers['content-type'] = TEXT;
  return { status: settings.responseStatus, headers, body: settings.responseBody as Json };
}

/**
 * A run's result (`onFinish`): its output, 202 while it waits, or its error with the status
 * {@link runErrorStatus} picks (422 input, 502 supplier, the flow's own for `flow.fail`, else 500).
 */
export function resultAnswer(runId: string, result: RunResult): WebhookAnswer {
  const headers = { 'x-junction-run-id': runId };
  if (result.status === 'succeeded') return { status: 200, headers, body: result.output ?? null };
  if (result.status === 'waiting') return { status: 202, headers, body: { runId, status: 'waiting' } };
  const error = result.error ?? { code: 'JX_RUN_CANCELLED', message: 'The run was cancelled.' };
  const status = runErrorStatus(error.code, error.details);
  const body = errorBody(error.code, error.message, { ...error.details, runId }) as unknown as Json;
  return { status, headers, body };
}

/** What a `flow.respond` node sent (`respondNode`); a string body is text unless typed. */
export function responseAnswer(runId: string, response: WebhookResponse): WebhookAnswer {
  const headers: Record<string, string> = { 'x-junction-run-id': runId, ...(response.headers ?? {}) };
  if (typeof response.body === 'string' && !hasContentType(response.headers)) headers['content-type'] = TEXT;
  return { status: response.status, headers, body: response.body as Json };
}

/** Sends an answer. */
export function sendAnswer(reply: FastifyReply, answer: WebhookAnswer): FastifyReply {
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  return reply.status(answer.status).send(answer.body);
}
