import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AlertService } from '../alerts/alert-service.ts';
import { installAuth } from '../auth/auth-hook.ts';
import { installOpenApi } from '../openapi/install-openapi.ts';
import { alertRoutes } from '../routes/alert-routes.ts';
import { auditRoutes } from '../routes/audit-routes.ts';
import { callbackRoutes } from '../routes/callback-routes.ts';
import { credentialRoutes } from '../routes/credential-routes.ts';
import { deployRoutes } from '../routes/deploy-routes.ts';
import { environmentRoutes } from '../routes/environment-routes.ts';
import { flowRoutes } from '../routes/flow-routes.ts';
import { flowTestRoutes } from '../routes/flow-test-routes.ts';
import { invariantRoutes } from '../routes/invariant-routes.ts';
import { nodeTypeRoutes } from '../routes/node-type-routes.ts';
import { retentionRoutes } from '../routes/retention-routes.ts';
import { runEventsRoute } from '../routes/run-events-route.ts';
import { runRetryRoutes } from '../routes/run-retry-routes.ts';
import { runRoutes } from '../routes/run-routes.ts';
import { signaturePreviewRoute } from '../routes/signature-preview-route.ts';
import { statsRoutes } from '../routes/stats-routes.ts';
import { systemRoutes } from '../routes/system-routes.ts';
import { tokenRoutes } from '../routes/token-routes.ts';
import { validatorModuleRoute } from '../routes/validator-module-route.ts';
import { versionRoutes } from '../routes/version-routes.ts';
import { webhookRoutes } from '../routes/webhook-routes.ts';
import { installBodyParsers } from './body-parsers.ts';
import { handleClientError } from './client-errors.ts';
import { installEditor } from './editor-static.ts';
import { installErrorHandler, sendError } from './error-handler.ts';
import type {} from './fastify-augmentations.ts';
import { type IngressRateLimitOptions, installIngressRateLimit } from './ingress-rate-limit.ts';
import { MethodTable } from './method-table.ts';
import { installRequestChecks } from './request-checks.ts';
import { installRequestLog } from './request-log.ts';
import { installSecurityHeaders } from './security-headers.ts';
import type { ServerContext } from './server-context.ts';

/** Route table entries as declared (method, url, schema, required scope); tests read them. */
export interface RouteInfo {
  method: string | string[];
  url: string;
  schema?: Record<string, unknown>;
  access?: string;
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  editorDir?: string;
  /** Collects every route (tests). */
  routes?: RouteInfo[];
  /**
   * Fastify's `trustProxy`: whose `X-Forwarded-For` names the client (request.ip, the rate limits'
   * client key) — `true` (every peer: only behind a proxy that overwrites the header) or a
   * comma-separated list of proxy addresses, CIDRs or `loopback`/`linklocal`/`uniquelocal`. Default
   * false: the peer address is the client.
   */
  trustProxy?: boolean | string;
  /** The alert evaluator behind `/api/alerts/*` (default: one that never runs by timer). */
  alerts?: AlertService;
  /** Rate limits of `/hooks/*` and `/callbacks/*`: defaults, and Redis to share counters. */
  rateLimit?: IngressRateLimitOptions;
}

/** Builds the Fastify app with every route; does not listen. */
export async function buildApp(ctx: ServerContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    trustProxy: options.trustProxy ?? false,
    http2: false,
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: ctx.limits.bodyLimit,
    ajv: { customOptions: { allErrors: true, removeAdditional: false } },
    // Ids are at most 200 characters (schemas say so with a 400); longer segments are refused by the router.
    routerOptions: { maxParamLength: 500 },
    // Per-request lines cost ~5 % CPU on the hot path; installRequestLog logs failures and slow ones.
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
    // Requests Node's parser refuses (headers over 16 KB, bad syntax) get a coded body too.
    clientErrorHandler: handleClientError,
    // A missing Host is refused by installRequestChecks with a code instead of Node's bare 400.
    http: { requireHostHeader: false },
  });
  const methods = new MethodTable();
  app.addHook('onRoute', (route) => {
    methods.add(route.url, route.method);
    options.routes?.push({
      method: route.method,
      url: route.url,
      schema: route.schema as Record<string, unknown> | undefined,
      access: (route.config as { access?: string } | undefined)?.access,
    });
  });
  // Before any route: @fastify/swagger collects the routes declared after it.
  await installOpenApi(app);
  installErrorHandler(app);
  await installSecurityHeaders(app);
  installRequestLog(app);
  installRequestChecks(app);
  installBodyParsers(app);
  installAuth(app, ctx.tokens);
  const limiter = await installIngressRateLimit(app, options.rateLimit);
  systemRoutes(app, ctx);
  invariantRoutes(app, ctx);
  nodeTypeRoutes(app, ctx);
  validatorModuleRoute(app, ctx);
  flowRoutes(app, ctx);
  versionRoutes(app, ctx);
  flowTestRoutes(app, ctx);
  deployRoutes(app, ctx);
  environmentRoutes(app, ctx);
  runRoutes(app, ctx);
  runRetryRoutes(app, ctx);
  runEventsRoute(app, ctx);
  credentialRoutes(app, ctx);
  signaturePreviewRoute(app, ctx);
  tokenRoutes(app, ctx);
  auditRoutes(app, ctx);
  callbackRoutes(app, ctx, limiter);
  statsRoutes(app, ctx);
  retentionRoutes(app, ctx);
  alertRoutes(app, ctx, options.alerts);
  webhookRoutes(app, ctx, limiter);
  await installEditor(app, options.editorDir, (path) => methods.allowed(path));
  return app;
}
