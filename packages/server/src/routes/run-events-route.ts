import { type EngineEvent, JunctionError } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { isSettlingEvent, runIdOf } from '../runs/run-events.ts';
import { revealsSecrets, sealedViewFor } from '../runs/sealed-view.ts';
import { idParams } from './route-schemas.ts';

const SETTLED = new Set(['succeeded', 'failed', 'cancelled', 'waiting']);

/**
 * `GET /api/runs/:id/events`: a `snapshot` (run and journal so far), then live engine events of the
 * run, ending with its terminal or waiting event. Events arriving while the snapshot is read are
 * buffered, so nothing falls in the gap.
 */
export function runEventsRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { id: string } }>(
    '/api/runs/:id/events',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'Server-sent events of one run (token also as ?access_token=)',
        tags: ['runs'],
        params: idParams,
      },
    },
    async (request, reply) => {
      const { engine, store } = ctx;
      const runId = request.params.id;
      // Events and the snapshot carry sensitive values sealed: opened or masked per the token.
      const view = sealedViewFor(request, ctx.sealer);
      // `run.response` carries the answer plain (the webhook sends it): only for runs:secrets.
      const hidden = revealsSecrets(request) ? undefined : 'run.response';
      const buffered: EngineEvent[] = [];
      let live = false;
      let closed = false;
      const send = (type: string, data: unknown) => {
        if (!closed) reply.raw.write(`event: ${type}\ndata: ${JSON.stringify(view(data))}\n\n`);
      };
      // A comment line now and then keeps proxies from closing a quiet stream (a run may wait for minutes).
      const heartbeat = setInterval(() => {
        if (!closed) reply.raw.write(': keep-alive\n\n');
      }, 15_000);
      heartbeat.unref();
      const finish = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        reply.raw.end();
      };
      const unsubscribe = engine.on((event) => {
        if (runIdOf(event) !== runId || event.type === hidden) return;
        if (!live) return void buffered.push(event);
        send(event.type, event);
        if (isSettlingEvent(event)) finish();
      });
      const run = await store.getRun(runId);
      if (!run) {
        clearInterval(heartbeat);
        unsubscribe();
        throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${runId} does not exist.`, { runId });
      }
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      request.raw.on('close', finish);
      send('snapshot', { run, journal: await store.readJournal(runId) });
      live = true;
      for (const event of buffered) {
        send(event.type, event);
        if (isSettlingEvent(event)) return finish();
      }
      if (SETTLED.has(run.status)) finish();
    },
  );
}
