import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';

/** Runs looked at per check: the invariant is meant to hold, so any finding is news. */
const CHECK_LIMIT = 500;

/**
 * The durability invariant on demand (see the runtime README, "Waking every waiting run"):
 * `GET /api/system/invariants` lists runs `waiting` with nothing to wake them and counts runs
 * without a live lease awaiting recovery; `POST /api/system/repair` continues the stranded ones
 * from their journal (in scale-out, the workers' recovery scans do the same every `--lease-ms`).
 */
export function invariantRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/system/invariants',
    {
      config: { access: 'metrics:read' },
      schema: {
        summary: 'Runs that nothing can wake (should be none) and runs awaiting recovery',
        tags: ['system'],
      },
    },
    async () => {
      const now = Date.now();
      const [stranded, orphans] = await Promise.all([
        ctx.store.listStrandedRuns(now, CHECK_LIMIT),
        ctx.store.listOrphanRuns(now, CHECK_LIMIT),
      ]);
      return {
        ok: stranded.length === 0,
        checkedAt: now,
        stranded: stranded.map((run) => ({ runId: run.id, flowId: run.flowId, updatedAt: run.updatedAt })),
        awaitingRecovery: orphans.length,
      };
    },
  );

  app.post(
    '/api/system/repair',
    {
      config: { access: 'runs:write' },
      schema: { summary: 'Continue stranded runs from their journal now', tags: ['system'] },
    },
    async () => ctx.engine.repairStranded(),
  );
}
