import { type FlowDocument, type Json, JunctionError } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { caseFromRun, type EarlyArrival } from '../flow-tests/case-from-run.ts';
import { FlowTestRepository } from '../flow-tests/flow-test-repository.ts';
import { parseTestFile } from '../flow-tests/read-test-file.ts';
import { runServerTests } from '../flow-tests/run-server-tests.ts';
import { assertValidFlow } from './flow-routes.ts';
import { flowBody, idParams } from './route-schemas.ts';

const testFileBody = {
  type: 'object',
  // No `required`: a file missing parts is an invalid *test file* (422 JX_FLOW_TESTS_INVALID with
  // every problem at its pointer), checked by the test-file schema, not a malformed request.
  description:
    'A flow test file (docs/schemas/flow-tests.schema.json) without `flow`; validated in full (422 JX_FLOW_TESTS_INVALID).',
  properties: {
    schemaVersion: { type: 'integer' },
    vars: { type: 'object' },
    cases: { type: 'array', items: { type: 'object' } },
  },
};

interface RunTestsBody {
  version?: number;
  document?: Json;
  cases?: string[];
  tests?: Json;
}

/** A stored test file's `flow` (a path beside a file) means nothing on the server: it tests its flow. */
function withoutFlowPath(tests: Json): Json {
  if (!tests || typeof tests !== 'object' || Array.isArray(tests) || !('flow' in tests)) return tests;
  const { flow: _path, ...rest } = tests as Record<string, Json>;
  return rest;
}

/** Callbacks kept in the inbox (outcome `early`) up to the run's end: the ones the run may have consumed. */
async function earlyArrivals(ctx: ServerContext, since: number, until = Date.now()): Promise<EarlyArrival[]> {
  // An early callback may come any time before the run waits; a day before its start is ample.
  const rows = await ctx.db.all<{ channel: string; key: string | null; at: number }>(
    "SELECT channel, key, at FROM srv_callbacks WHERE outcome = 'early' AND at >= ? AND at <= ? ORDER BY id",
    [since - 86_400_000, until],
  );
  return rows.flatMap((r) => (r.key === null ? [] : [{ channel: r.channel, key: r.key, at: r.at }]));
}

/**
 * A flow's tests on the server: the stored test file (read, replace), running it against the
 * draft, a version or an unsaved document, and a draft case made from any finished run.
 */
export function flowTestRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const repository = new FlowTestRepository(ctx.db);

  app.get<{ Params: { id: string } }>(
    '/api/flows/:id/tests',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: "The flow's test file (null when none was saved)",
        tags: ['flows'],
        params: idParams,
      },
    },
    async (request) => {
      const { id } = request.params;
      await ctx.flows.get(id);
      const stored = await repository.find(id);
      return { flowId: id, tests: stored?.tests ?? null, updatedAt: stored?.updatedAt ?? null };
    },
  );

  app.put<{ Params: { id: string }; Body: Json }>(
    '/api/flows/:id/tests',
    {
      config: { access: 'flows:write' },
      schema: {
        summary: "Replace the flow's test file (checked against the saved flow's nodes)",
        tags: ['flows'],
        params: idParams,
        body: testFileBody,
      },
    },
    async (request) => {
      const { id } = request.params;
      const { flow } = await ctx.flows.get(id);
      const tests = parseTestFile(withoutFlowPath(request.body), `${id}.tests.json`, flow);
      const stored = await repository.save(id, tests);
      return { flowId: id, tests: stored.tests, updatedAt: stored.updatedAt };
    },
  );

  app.post<{ Params: { id: string }; Body: RunTestsBody }>(
    '/api/flows/:id/tests/run',
    {
      config: { access: 'runs:write' },
      schema: {
        summary:
          'Run the tests against the draft, a version (result recorded with it) or an unsaved document',
        description:
          'Runs the stored test file, or `tests`, under virtual time. With `version` the result is recorded with that version (`tests` in the versions API). `cases` runs only the cases named.',
        tags: ['flows'],
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            version: { type: 'integer', minimum: 1 },
            document: flowBody,
            cases: { type: 'array', items: { type: 'string' }, maxItems: 1000 },
            tests: testFileBody,
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body ?? {};
      let document: FlowDocument | undefined;
      if (body.document !== undefined) {
        const docId = (body.document as { id?: unknown }).id;
        if (docId !== id)
          throw new JunctionError(
            'JX_FLOW_ID_MISMATCH',
            `The document's id (${String(docId)}) differs from the URL (${id}); they must match.`,
            { bodyId: String(docId), urlId: id },
          );
        document = await assertValidFlow(ctx, body.document);
      }
      return runServerTests(ctx, {
        flowId: id,
        ...(body.version !== undefined ? { version: body.version } : {}),
        ...(document ? { document } : {}),
        ...(body.cases ? { cases: body.cases } : {}),
        ...(body.tests !== undefined ? { tests: withoutFlowPath(body.tests) } : {}),
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/runs/:id/test-case',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'A draft test case made from a finished run or test run ("save as test")',
        description:
          'Its trigger input, the callbacks it received (at their offsets; one found waiting in the inbox `during` the node that ran when it arrived), pinned outputs as mocks, and expectations: status, the webhook answer and the path taken. Sealed values read `[sealed]`.',
        tags: ['runs'],
        params: idParams,
      },
    },
    async (request) => {
      const run = await ctx.store.getRun(request.params.id);
      if (!run)
        throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${request.params.id} does not exist.`, {
          runId: request.params.id,
        });
      if (run.status === 'queued' || run.status === 'running')
        throw new JunctionError(
          'JX_RUN_NOT_FINISHED',
          `Run ${run.id} is still ${run.status}; make a test case from it once it has finished or is waiting.`,
          { runId: run.id, status: run.status },
        );
      const journal = await ctx.store.readJournal(run.id);
      const flow = await ctx.store.getFlowSnapshot(run.flowHash);
      return caseFromRun(run, journal, flow, await earlyArrivals(ctx, run.createdAt, run.finishedAt));
    },
  );
}
