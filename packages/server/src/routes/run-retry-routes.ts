import { type Json, JunctionError } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { auditActor, recordAudit } from '../audit/record-audit.ts';
import { bulkRetry, type RetryFilter } from '../runs/bulk-retry.ts';
import { type ReplayOptions, replayRequest } from '../runs/replay-request.ts';
import { retryRun } from '../runs/retry-run.ts';
import { idParams, optionalBody } from './route-schemas.ts';

const retryFilterSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    flowId: { type: 'string', minLength: 1, maxLength: 200 },
    status: { type: 'string', description: 'Must be `failed` (422 JX_RUN_RETRY_STATUS_INVALID otherwise).' },
    version: { type: 'integer', minimum: 1 },
    from: { type: 'integer', minimum: 0, description: 'Epoch ms, inclusive (run creation).' },
    to: { type: 'integer', minimum: 0, description: 'Epoch ms, exclusive.' },
    errorCode: {
      type: 'string',
      pattern: '^JX_[A-Z0-9_]+$',
      description: 'Only runs whose error has this code.',
    },
  },
} as const;

async function runOrThrow(ctx: ServerContext, runId: string) {
  const run = await ctx.store.getRun(runId);
  if (!run) throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${runId} does not exist.`, { runId });
  return run;
}

/**
 * Retry (the same run continues from the node that failed; completed nodes are not run again and
 * keep their idempotency keys), bulk retry by filter, and replay (a test run of the run's version
 * with its trigger input, or an edited one).
 */
export function runRetryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Params: { id: string } }>(
    '/api/runs/:id/retry',
    {
      config: { access: 'runs:write' },
      schema: {
        summary: 'Retry a failed run from the node that failed',
        description:
          'The same run continues: completed nodes are not run again, the failed node runs again with the same idempotency key. 409 JX_RUN_NOT_FAILED for a run that is not failed, 409 JX_RUN_RETRY_CHILD for a sub-flow run (retry its parent).',
        tags: ['runs'],
        params: idParams,
      },
    },
    async (request, reply) => {
      const reopened = await retryRun(ctx, request.params.id);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'run.retried',
        target: reopened.runId,
        detail: {
          retry: reopened.retry,
          ...(reopened.children.length ? { children: reopened.children } : {}),
        },
      });
      return reply.status(202).send(reopened);
    },
  );

  app.post<{ Body: { filter?: RetryFilter; limit?: number } }>(
    '/api/runs/retry',
    {
      config: { access: 'runs:write' },
      schema: {
        summary: 'Retry failed runs matching a filter (at most limit, oldest first)',
        description:
          'Test runs and sub-flow runs are left out (a parent retry takes its children). Answers counts: matched, retried, and the runs refused with their code.',
        tags: ['runs'],
        body: {
          type: 'object',
          required: ['filter'],
          additionalProperties: false,
          properties: {
            filter: retryFilterSchema,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
      },
    },
    async (request) => {
      const { filter = {}, limit = 100 } = request.body;
      const result = await bulkRetry(ctx, filter, limit);
      if (result.retried > 0) {
        await recordAudit(ctx.db, {
          actor: auditActor(request),
          action: 'run.retried',
          target: filter.flowId ?? '*',
          detail: {
            bulk: true,
            retried: result.retried,
            ...(filter.errorCode ? { errorCode: filter.errorCode } : {}),
          },
        });
      }
      return result;
    },
  );

  app.post<{ Params: { id: string }; Body: ReplayOptions }>(
    '/api/runs/:id/replay',
    {
      preValidation: optionalBody,
      config: { access: 'runs:write' },
      schema: {
        summary: "Replay a run's trigger input (or an edited one) as a test run of its version",
        description:
          'Starts a test run (as POST /api/test-runs does: sandbox unless `environment` says otherwise, production only with confirmProduction) and answers its id; the replayed run is not touched.',
        tags: ['runs'],
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            input: { description: 'The trigger input to use instead of the run’s.' },
            environment: { type: 'string', minLength: 1, maxLength: 32 },
            confirmProduction: { type: 'boolean' },
          },
        },
      },
    },
    async (request, reply) => {
      const run = await runOrThrow(ctx, request.params.id);
      const body = await replayRequest(ctx, run, request.body ?? {});
      // Through the test-run route itself, so a replay is exactly what a test run is and does.
      const answer = await app.inject({
        method: 'POST',
        url: '/api/test-runs',
        headers: {
          authorization: request.headers.authorization ?? '',
          'content-type': 'application/json',
          ...(request.headers['accept-language']
            ? { 'accept-language': request.headers['accept-language'] }
            : {}),
        },
        payload: JSON.stringify(body),
      });
      const json = answer.json() as { runId?: string } & Record<string, Json>;
      if (answer.statusCode !== 201) return reply.status(answer.statusCode).send(json);
      return reply.status(201).send({ runId: json.runId, replayOf: run.id });
    },
  );
}
