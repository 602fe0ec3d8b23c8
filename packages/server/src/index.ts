// Public entry point of @junction/server. Explicit named exports only.

export type { RouteInfo } from './app/build-app.ts';
export type { ErrorBody } from './app/error-handler.ts';
export type { RouteAccess, Scope } from './auth/scopes.ts';
export { SCOPES } from './auth/scopes.ts';
export type { CallbackOutcome, CallbackRecord } from './callbacks/callback-log.ts';
export type { CliIo } from './cli/cli-io.ts';
export { EXIT } from './cli/cli-io.ts';
export { main } from './cli/main.ts';
export type { RouteDecision } from './deploy/canary-routing.ts';
export { routeVersion, routingBucket } from './deploy/canary-routing.ts';
export type { CanaryConfig, Deployment } from './deploy/deployment-repository.ts';
export type { OpenApiDocument } from './openapi/install-openapi.ts';
export type { NodeRunSummary } from './runs/summarize-journal.ts';
export type { RunningServer, ServerOptions } from './server/server-options.ts';
export { startServer } from './server/start-server.ts';
export type { CredentialView } from './vault/credential-vault.ts';
export type { RotationResult } from './vault/rotate-master-key.ts';
export { rotateMasterKey } from './vault/rotate-master-key.ts';
