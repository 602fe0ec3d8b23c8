import type { Engine, NodeRegistry } from '@junction/runtime';
import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { TokenStore } from '../auth/token-store.ts';
import type { CallbackIndex } from '../callbacks/callback-index.ts';
import type { CallbackLog } from '../callbacks/callback-log.ts';
import type { DeploymentRepository } from '../deploy/deployment-repository.ts';
import type { FlowRepository } from '../flows/flow-repository.ts';
import type { SqliteRunStore } from '../integration/runtime-glue.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { CredentialVault } from '../vault/credential-vault.ts';
import type { WebhookIndex } from '../webhooks/webhook-index.ts';

/**
 * Everything routes need, passed explicitly (no global container). Built once by `startServer`.
 */
export interface ServerContext {
  db: Database;
  store: SqliteRunStore;
  engine: Engine;
  registry: NodeRegistry;
  flows: FlowRepository;
  deployments: DeploymentRepository;
  vault: CredentialVault;
  tokens: TokenStore;
  callbackLog: CallbackLog;
  callbackIndex: CallbackIndex;
  webhookIndex: WebhookIndex;
  metrics: ServerMetrics;
  logger: Logger;
  /** Called after any deploy change: rebuilds the callback, webhook and schedule indexes. */
  onDeploymentsChanged(): void;
  limits: { bodyLimit: number; maxOutputBytes: number };
}
