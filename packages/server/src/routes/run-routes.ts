import type { Json, NodeOutputs, RunFilter, RunStatus } from '@junction/runtime';
import { JunctionError } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../app/error-handler.ts';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { applyEnvironment } from '../environments/apply-environment.ts';
import { resolveTestRunEnvironment } from '../environments/test-run-environment.ts';
import { assertPinnedOutputs } from '../runs/check-pinned.ts';
import { findRunsByKey } from '../runs/find-runs-by-key.ts';
import { sealedViewFor } from '../runs/sealed-view.ts';
import { startDeployedRun } from '../runs/start-deployed-run.ts';
import { summarizeJournal } from '../runs/summarize-journal.ts';
import { assertValidFlow } from './flow-routes.ts';
import { flowBody, idParams, optionalBody } from './route-schemas.ts';

const RUN_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];
const FINISHED: string[] = ['succeeded', 'failed', 'cancelled'];

interface RunQuery {
  flowId?: string;
  version?: number;
  status?: string;
  since?: number;
  until?: number;
  limit?: number;
  before?: string;
  test?: boolean;
  environment?: string;
  from?: number;
  to?: number;
  key?: string;
}

/** Starting, listing, reading and cancelling runs; test runs of unsaved documents. */
export function runRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Params: { id: string }; Body: { input?: Json } | undefined; Querystring: { wait?: boolean } }>(
    '/api/flows/:id/runs',
    {
      preValidation: optionalBody,
      config: { access: 'runs:write' },
      schema: {
        summary: 'Start a run of the deployed flow (?wait=true waits for it to finish or suspend)',
        tags: ['runs'],
        params: idParams,
        querystring: { type: 'object', properties: { wait: { type: 'boolean' } } },
        body: { type: 'object', properties: { input: {}, triggerNodeId: { type: 'string' } } },
      },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as { input?: Json; triggerNodeId?: string };
      const started = await startDeployedRun(ctx, request.params.id, body.input ?? null, {
        ...(body.triggerNodeId ? { triggerNodeId: body.triggerNodeId } : {}),
      });
      if (!request.query.wait)
        return reply.status(202).send({ runId: started.runId, version: started.version });
      const result = await started.handle.done;
      const run = await ctx.store.getRun(started.runId);
      if (result.status === 'failed' && result.error?.code === 'JX_OUTPUT_TOO_LARGE') {
        return reply.status(422).send(
          errorBody(result.error.code, result.error.message, {
            ...result.error.details,
            runId: started.runId,
          }),
        );
      }
      return reply.status(200).send({ run: sealedViewFor(request, ctx.sealer)(run) });
    },
  );

  app.post<{
    Body: {
      flow?: Json;
      flowId?: string;
      version?: number;
      environment?: string;
      confirmProduction?: boolean;
      input?: Json;
      pinned?: Record<string, NodeOutputs>;
      stopAfter?: string;
    };
  }>(
    '/api/test-runs',
    {
      config: { access: 'runs:write' },
      schema: {
        summary: 'Run an unsaved flow document (pinned outputs, stop after a node); follow it over SSE',
        description:
          'Runs `flow`, or the stored `version` of `flowId`, in `environment` (default sandbox: its credential bindings and variables). Production needs `confirmProduction: true` (409 JX_TEST_RUN_PRODUCTION_UNCONFIRMED). A test run of a stored version that succeeds is what `POST /api/flows/:id/promote {requireTestRun: true}` looks for.',
        tags: ['runs'],
        body: {
          type: 'object',
          properties: {
            flow: flowBody,
            flowId: { type: 'string', minLength: 1, maxLength: 200 },
            version: { type: 'integer', minimum: 1 },
            environment: { type: 'string', minLength: 1, maxLength: 32 },
            confirmProduction: { type: 'boolean' },
            input: {},
            pinned: { type: 'object', additionalProperties: { type: 'object' } },
            stopAfter: { type: 'string' },
          },
        },
      },
    },
    async (request, reply) => {
      const { engine } = ctx;
      const target = await resolveTestRunEnvironment(ctx, request.body);
      const stored =
        target.version === undefined
          ? await assertValidFlow(ctx, request.body.flow)
          : await ctx.flows.getVersion(target.flowId as string, target.version);
      const flow = applyEnvironment(stored, target.environment);
      const { stopAfter, pinned } = request.body;
      if (stopAfter && !flow.nodes.some((n) => n.id === stopAfter)) {
        throw new JunctionError(
          'JX_NODE_NOT_FOUND',
          `stopAfter names node ${stopAfter}, which the flow does not have.`,
          {
            nodeId: stopAfter,
          },
        );
      }
      if (pinned) assertPinnedOutputs(flow, pinned, ctx.registry);
      const handle = await engine.start(flow, {
        input: request.body.input ?? null,
        test: true,
        flowVersion: null,
        tags: {
          environment: target.environment.name,
          ...(target.version !== undefined ? { version: target.version } : {}),
        },
        ...(pinned ? { pinned } : {}),
        ...(stopAfter ? { stopAfter } : {}),
      });
      // The result is followed over SSE; a failure is recorded in the run, not thrown here.
      handle.done.catch((error: unknown) =>
        request.log.warn({ runId: handle.id, err: String(error) }, 'test run failed'),
      );
      return reply.status(201).send({ runId: handle.id });
    },
  );

  app.get<{ Querystring: RunQuery }>(
    '/api/runs',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'List runs, newest first',
        tags: ['runs'],
        querystring: {
          type: 'object',
          properties: {
            flowId: { type: 'string' },
            version: { type: 'integer', minimum: 1 },
            status: { type: 'string', description: 'One status or several, comma-separated.' },
            since: { type: 'integer', description: 'Epoch ms.' },
            until: { type: 'integer', description: 'Epoch ms.' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            before: { type: 'string', description: 'Run id: only runs created before it (paging).' },
            test: { type: 'boolean' },
            environment: { type: 'string', description: 'Runs recorded in this environment.' },
            from: { type: 'integer', description: 'Epoch ms, inclusive (same as since).' },
            to: { type: 'integer', description: 'Epoch ms, exclusive (same as until).' },
            key: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description:
                'A business key (e.g. an order number): runs whose trigger input holds it as a value, or whose callbacks carried it as their correlation key.',
            },
          },
        },
      },
    },
    async (request) => {
      const { store } = ctx;
      const q = request.query;
      const statuses = q.status
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = statuses?.filter((s) => !RUN_STATUSES.includes(s)) ?? [];
      if (bad.length > 0) {
        throw new JunctionError(
          'JX_BAD_REQUEST',
          `Unknown run status ${bad.join(', ')}; use ${RUN_STATUSES.join(', ')}.`,
          {
            status: bad,
          },
        );
      }
      const filter: RunFilter = {
        ...(q.flowId ? { flowId: q.flowId } : {}),
        ...(q.version ? { flowVersion: q.version } : {}),
        ...(statuses?.length ? { status: statuses as RunStatus[] } : {}),
        ...((q.since ?? q.from) !== undefined ? { since: (q.since ?? q.from) as number } : {}),
        ...((q.until ?? q.to) !== undefined ? { until: (q.until ?? q.to) as number } : {}),
        ...(q.before ? { before: q.before } : {}),
        ...(q.test !== undefined ? { test: q.test } : {}),
        ...(q.environment ? { environment: q.environment } : {}),
        limit: q.limit ?? 50,
      };
      const runs = q.key ? await findRunsByKey(ctx, q.key, filter) : await store.listRuns(filter);
      return { runs: sealedViewFor(request, ctx.sealer)(runs) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/runs/:id',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'One run with per-node input, output, error, attempts and timing',
        description:
          "Sensitive values (node types' sensitiveOutputs, e.g. card passwords) read `[sealed]` unless the token has the runs:secrets scope.",
        tags: ['runs'],
        params: idParams,
      },
    },
    async (request) => {
      const { store } = ctx;
      const run = await store.getRun(request.params.id);
      if (!run)
        throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${request.params.id} does not exist.`, {
          runId: request.params.id,
        });
      const journal = await store.readJournal(run.id);
      return sealedViewFor(request, ctx.sealer)({ run, nodes: summarizeJournal(journal), journal });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/runs/:id/cancel',
    {
      config: { access: 'runs:write' },
      schema: {
        summary: 'Cancel a run (409 JX_RUN_FINISHED when it already ended)',
        tags: ['runs'],
        params: idParams,
      },
    },
    async (request) => {
      const { engine, store } = ctx;
      const run = await store.getRun(request.params.id);
      if (!run)
        throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${request.params.id} does not exist.`, {
          runId: request.params.id,
        });
      if (FINISHED.includes(run.status)) {
        throw new JunctionError(
          'JX_RUN_FINISHED',
          `Run ${run.id} already ended (${run.status}); only queued, running or waiting runs can be cancelled.`,
          { runId: run.id, status: run.status },
        );
      }
      await engine.cancel(run.id, 'cancelled through the API');
      return { run: sealedViewFor(request, ctx.sealer)(await store.getRun(run.id)) };
    },
  );
}
