import type { FastifyInstance } from 'fastify';
import { alertErrors } from '../alerts/alert-errors.ts';
import { AlertService } from '../alerts/alert-service.ts';
import { CHANNEL_KINDS, RULE_KINDS, type RuleInput } from '../alerts/alert-types.ts';
import { checkRuleInput } from '../alerts/check-rule-input.ts';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { createEgressPolicy } from '../integration/runtime-glue.ts';
import { idParams } from './route-schemas.ts';

const DAY_MS = 86_400_000;

const channelInput = {
  type: 'object',
  required: ['kind', 'url'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...CHANNEL_KINDS] },
    url: {
      type: 'string',
      minLength: 1,
      maxLength: 2000,
      description:
        'Write-only (sealed at rest): the robot webhook URL with its key/token, or your webhook URL.',
    },
    secret: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description: 'Write-only: DingTalk/Feishu signing secret, or the HMAC key of the generic webhook.',
    },
    format: { type: 'string', enum: ['text', 'markdown'], default: 'markdown' },
    locale: {
      type: 'string',
      enum: ['en', 'zh-CN'],
      description: 'Default zh-CN for robots, en for webhooks.',
    },
  },
} as const;

const ruleBody = {
  type: 'object',
  required: ['name', 'kind', 'threshold'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: [...RULE_KINDS] },
    flowId: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Absent: every flow, each on its own.',
    },
    threshold: {
      type: 'number',
      description:
        'failure-rate: % above which it fires; p99-latency: ms; callback-timeouts and waiting-runs: a count; supplier-balance: fires below it.',
    },
    environment: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'Only runs of this environment count (default every environment).',
    },
    windowMs: { type: 'integer', minimum: 1_000, maximum: 7 * DAY_MS, description: 'Default 15 min.' },
    minRuns: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'Default 10.' },
    credentialId: { type: 'string', minLength: 1, maxLength: 200 },
    checkIntervalMs: { type: 'integer', minimum: 1_000, maximum: DAY_MS, description: 'Default 5 min.' },
    renotifyMs: { type: 'integer', minimum: 60_000, maximum: 7 * DAY_MS },
    enabled: { type: 'boolean', default: true },
    channels: { type: 'array', minItems: 1, maxItems: 10, items: channelInput },
  },
} as const;

const historyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ruleId: { type: 'string', minLength: 1, maxLength: 200 },
    from: { type: 'integer', minimum: 0, description: 'Epoch ms, inclusive.' },
    to: { type: 'integer', minimum: 0, description: 'Epoch ms, exclusive.' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

/**
 * Alert rules, history and an evaluate-now. Reading needs `metrics:read` (the people who watch the
 * dashboard); writing needs `admin`: a rule holds robot secrets and makes the server post to
 * outside hosts, which no narrower scope should grant.
 */
export function alertRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  alerts: AlertService = defaultAlertService(ctx),
): void {
  const bases = alerts.settings.channelBaseUrls ?? [];

  app.get(
    '/api/alerts/rules',
    {
      config: { access: 'metrics:read' },
      schema: { summary: 'List alert rules (channels without their URLs or secrets)', tags: ['alerts'] },
    },
    async () => ({ rules: await alerts.rules.list() }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/alerts/rules/:id',
    {
      config: { access: 'metrics:read' },
      schema: { summary: 'One alert rule', tags: ['alerts'], params: idParams },
    },
    async (request) => alerts.rules.get(request.params.id),
  );

  app.post<{ Body: RuleInput }>(
    '/api/alerts/rules',
    {
      config: { access: 'admin' },
      schema: { summary: 'Create an alert rule', tags: ['alerts'], body: ruleBody },
    },
    async (request, reply) => {
      await checkRuleInput(request.body, ctx.vault, ctx.db, bases, true);
      const rule = await alerts.rules.create(request.body as RuleInput & { channels: [] });
      return reply.status(201).send(rule);
    },
  );

  app.put<{ Params: { id: string }; Body: RuleInput }>(
    '/api/alerts/rules/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Replace an alert rule; without channels the stored ones (and their secrets) are kept',
        tags: ['alerts'],
        params: idParams,
        body: ruleBody,
      },
    },
    async (request) => {
      await alerts.rules.get(request.params.id);
      await checkRuleInput(request.body, ctx.vault, ctx.db, bases, false);
      return alerts.rules.update(request.params.id, request.body);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/alerts/rules/:id',
    {
      config: { access: 'admin' },
      schema: { summary: 'Delete an alert rule (its history stays)', tags: ['alerts'], params: idParams },
    },
    async (request, reply) => {
      await alerts.rules.delete(request.params.id);
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: { ruleId?: string; from?: number; to?: number; limit?: number } }>(
    '/api/alerts/history',
    {
      config: { access: 'metrics:read' },
      schema: {
        summary:
          'Alert history: firing, reminder, resolved and failed balance checks, with delivery outcomes',
        tags: ['alerts'],
        querystring: historyQuery,
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from !== undefined && to !== undefined && from > to)
        throw alertErrors.historyRangeInvalid(from, to);
      return { events: await alerts.history.list(request.query) };
    },
  );

  app.post(
    '/api/alerts/evaluate',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Evaluate every enabled rule now (as the timer does); answers the events recorded',
        tags: ['alerts'],
      },
    },
    async () => ({ events: await alerts.evaluateOnce() }),
  );
}

/** The service of an app built without one (tests of other routes, the OpenAPI generation). */
function defaultAlertService(ctx: ServerContext): AlertService {
  return new AlertService({ ...ctx, egress: createEgressPolicy(), publicUrl: () => '' });
}
