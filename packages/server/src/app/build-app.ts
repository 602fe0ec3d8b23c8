import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { installAuth } from '../auth/auth-hook.ts';
import { callbackRoutes } from '../routes/callback-routes.ts';
import { credentialRoutes } from '../routes/credential-routes.ts';
import { deployRoutes } from '../routes/deploy-routes.ts';
import { flowRoutes } from '../routes/flow-routes.ts';
import { nodeTypeRoutes } from '../routes/node-type-routes.ts';
import { runEventsRoute } from '../routes/run-events-route.ts';
import { runRoutes } from '../routes/run-routes.ts';
import { statsRoutes } from '../routes/stats-routes.ts';
import { systemRoutes } from '../routes/system-routes.ts';
import { tokenRoutes } from '../routes/token-routes.ts';
import { versionRoutes } from '../routes/version-routes.ts';
import { webhookRoutes } from '../routes/webhook-routes.ts';
import { installBodyParsers } from './body-parsers.ts';
import { installEditor } from './editor-static.ts';
import { installErrorHandler, sendError } from './error-handler.ts';
import type {} from './fastify-augmentations.ts';
import { MethodTable } from './method-table.ts';
import { installRequestLog } from './request-log.ts';
import type { ServerContext } from './server-context.ts';

/** Route table entries collected for the OpenAPI document. */
export interface RouteInfo {
  method: string | string[];
  url: string;
  schema?: Record<string, unknown>;
  access?: string;
}

/** Builds the Fastify app with every route; does not listen. */
export async function buildApp(
  ctx: ServerContext,
  options: { editorDir?: string; routes?: RouteInfo[] } = {},
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: ctx.limits.bodyLimit,
    ajv: { customOptions: { allErrors: true, removeAdditional: false } },
    // Ids are at most 200 characters (schemas say so with a 400); longer segments are refused by the router.
    routerOptions: { maxParamLength: 500 },
    // Per-request lines cost ~5 % CPU on the hot path; installRequestLog logs failures and slow ones.
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
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
  installErrorHandler(app);
  installRequestLog(app);
  installBodyParsers(app);
  installAuth(app, ctx.tokens);
  systemRoutes(app, ctx);
  nodeTypeRoutes(app, ctx);
  flowRoutes(app, ctx);
  versionRoutes(app, ctx);
  deployRoutes(app, ctx);
  runRoutes(app, ctx);
  runEventsRoute(app, ctx);
  credentialRoutes(app, ctx);
  tokenRoutes(app, ctx);
  callbackRoutes(app, ctx);
  statsRoutes(app, ctx);
  webhookRoutes(app, ctx);
  await installEditor(app, options.editorDir, (path) => methods.allowed(path));
  return app;
}
