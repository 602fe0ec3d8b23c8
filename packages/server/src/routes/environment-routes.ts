import { type Json, JunctionError } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { auditActor, recordAudit } from '../audit/record-audit.ts';
import { canaryReport } from '../deploy/canary-report.ts';
import { deploymentHistory, recordDeploymentEvent } from '../deploy/deployment-history.ts';
import { DEFAULT_ENVIRONMENT, ENVIRONMENT_NAME_PATTERN } from '../environments/environment-names.ts';
import type { EnvironmentPatch } from '../environments/environment-repository.ts';
import { promoteVersion } from '../environments/promote-version.ts';
import { idParams } from './route-schemas.ts';

const nameParams = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', pattern: ENVIRONMENT_NAME_PATTERN } },
} as const;

/** Optional `?environment=` (default production). */
export const environmentQuery = {
  type: 'object',
  properties: {
    environment: {
      type: 'string',
      pattern: ENVIRONMENT_NAME_PATTERN,
      description: `Environment name; default ${DEFAULT_ENVIRONMENT}.`,
    },
  },
} as const;

/**
 * Environments (`GET/POST/PATCH/DELETE /api/environments`), promotion between them
 * (`POST /api/flows/:id/promote`), a flow's deployments in every environment with their history,
 * and the canary report (`GET /api/flows/:id/canary-report`). Changes are audited
 * (`environment.changed`, `promoted`) and rebuild the ingress indexes (bindings change which
 * credential verifies a webhook or callback).
 */
export function environmentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/environments',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'Environments in promotion order, with credential bindings and variable overrides',
        tags: ['environments'],
      },
    },
    async () => ({ environments: await ctx.environments.list(), default: DEFAULT_ENVIRONMENT }),
  );

  app.post<{ Body: { name: string; description?: string; position?: number } }>(
    '/api/environments',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Add an environment (default place: just before production)',
        tags: ['environments'],
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', pattern: ENVIRONMENT_NAME_PATTERN },
            description: { type: 'string', maxLength: 500 },
            position: { type: 'integer', minimum: 0, description: '0-based place in the promotion order.' },
          },
        },
      },
    },
    async (request, reply) => {
      const environment = await ctx.environments.create(request.body);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'environment.changed',
        target: environment.name,
        detail: { change: 'created', position: environment.position },
      });
      await ctx.onDeploymentsChanged();
      return reply.status(201).send({ environment });
    },
  );

  app.patch<{ Params: { name: string }; Body: EnvironmentPatch }>(
    '/api/environments/:name',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Bind credentials and override flow variables in an environment (null removes one)',
        tags: ['environments'],
        params: nameParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            description: { type: 'string', maxLength: 500 },
            credentials: {
              type: 'object',
              description: 'Credential id a flow names → credential id used in this environment.',
              additionalProperties: { type: ['string', 'null'], minLength: 1 },
            },
            variables: {
              type: 'object',
              description: "Flow id → variables overriding the flow's settings.variables here.",
              additionalProperties: { type: ['object', 'null'] },
            },
          },
        },
      },
    },
    async (request) => {
      const { name } = request.params;
      await ctx.environments.get(name);
      for (const [from, to] of Object.entries(request.body.credentials ?? {})) {
        if (to === null) continue;
        const source = await ctx.vault.get(from);
        const target = await ctx.vault.get(to);
        if (source.kind !== target.kind) {
          throw new JunctionError(
            'JX_ENVIRONMENT_BINDING_KIND',
            `Credential ${from} is a ${source.kind} credential, so in ${name} it must resolve to another ${source.kind} credential; ${to} is a ${target.kind} one.`,
            {
              environment: name,
              credentialId: from,
              boundTo: to,
              expected: source.kind,
              actual: target.kind,
            },
          );
        }
      }
      const environment = await ctx.environments.update(name, request.body);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'environment.changed',
        target: name,
        detail: {
          change: 'updated',
          credentials: Object.keys(request.body.credentials ?? {}),
          variables: Object.keys(request.body.variables ?? {}),
        },
      });
      await ctx.onDeploymentsChanged();
      return { environment };
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/api/environments/:name',
    {
      config: { access: 'deploy' },
      schema: {
        summary: 'Delete an environment (not sandbox or production, and not while a flow is deployed there)',
        tags: ['environments'],
        params: nameParams,
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      await ctx.environments.get(name);
      if (await ctx.deployments.anyIn(name)) {
        const flows = [...(await ctx.deployments.all(name)).keys()];
        throw new JunctionError(
          'JX_ENVIRONMENT_IN_USE',
          `Environment ${name} still serves ${flows.join(', ')}; undeploy them first.`,
          { environment: name, flows },
        );
      }
      await ctx.environments.remove(name);
      await recordAudit(ctx.db, {
        actor: auditActor(request),
        action: 'environment.changed',
        target: name,
        detail: { change: 'deleted' },
      });
      await ctx.onDeploymentsChanged();
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: { from: string; to: string; requireTestRun?: boolean } }>(
    '/api/flows/:id/promote',
    {
      config: { access: 'deploy' },
      schema: {
        summary:
          'Promote the version live in one environment to another (optionally gated on a passing test run)',
        description:
          'Copies the main version deployed in `from` to `to`. With `requireTestRun: true`, a succeeded test run of that version in `from` must be on record (409 JX_PROMOTE_TEST_RUN_MISSING).',
        tags: ['deploy', 'environments'],
        params: idParams,
        body: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: {
            from: { type: 'string', pattern: ENVIRONMENT_NAME_PATTERN },
            to: { type: 'string', pattern: ENVIRONMENT_NAME_PATTERN },
            requireTestRun: { type: 'boolean' },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { from, to } = request.body;
      const promoted = await promoteVersion(ctx, id, request.body);
      const actor = auditActor(request);
      await recordDeploymentEvent(ctx.db, {
        environment: to,
        flowId: id,
        action: 'promoted',
        version: promoted.version,
        reason: `from ${from}`,
        actor,
      });
      await recordAudit(ctx.db, {
        actor,
        action: 'promoted',
        target: `${id}@${promoted.version}`,
        detail: {
          from,
          to,
          version: promoted.version,
          ...(promoted.testRunId ? { testRunId: promoted.testRunId } : {}),
        },
      });
      await ctx.onDeploymentsChanged();
      return {
        environment: to,
        deployment: promoted.deployment,
        ...(promoted.testRunId ? { testRunId: promoted.testRunId } : {}),
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { environment?: string } }>(
    '/api/flows/:id/deployments',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: "A flow's deployment in every environment and its deployment history (newest first)",
        tags: ['deploy', 'environments'],
        params: idParams,
        querystring: environmentQuery,
      },
    },
    async (request) => {
      const { id } = request.params;
      await ctx.flows.get(id);
      const { environment } = request.query;
      if (environment) await ctx.environments.get(environment);
      const deployments = (await ctx.deployments.everywhere())
        .filter((d) => d.flowId === id && (!environment || d.environment === environment))
        .map((d) => ({ environment: d.environment, ...d.deployment }));
      const history = await deploymentHistory(ctx.db, id, environment ? { environment } : {});
      return { deployments, history };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { environment?: string; since?: number } }>(
    '/api/flows/:id/canary-report',
    {
      config: { access: 'metrics:read' },
      schema: {
        summary:
          'Canary and main side by side: runs, success rate, latency p50/p99, callback delay, error codes',
        description:
          'Over the non-test runs of the deployment in the environment since it was deployed (or `since`), at most the 5,000 newest.',
        tags: ['metrics', 'deploy'],
        params: idParams,
        querystring: {
          type: 'object',
          properties: {
            ...environmentQuery.properties,
            since: { type: 'integer', description: 'Epoch ms; default when the deployment was made.' },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const environment = request.query.environment ?? DEFAULT_ENVIRONMENT;
      await ctx.environments.get(environment);
      const deployment = await ctx.deployments.find(id, environment);
      if (!deployment) {
        await ctx.flows.get(id);
        throw new JunctionError(
          'JX_FLOW_NOT_DEPLOYED',
          `Flow ${id} is not deployed in ${environment}; deploy a version first.`,
          { flowId: id, environment },
        );
      }
      const report = await canaryReport(ctx.store, {
        flowId: id,
        environment,
        deployment,
        ...(request.query.since !== undefined ? { since: request.query.since } : {}),
      });
      return { report, deployment: deployment as unknown as Json };
    },
  );
}
