import type { Engine, ExpressionBounds, NodeRegistry, RunStore, ValueSealer } from '@junction/runtime';
import type { Logger } from 'pino';
import type { TokenStore } from '../auth/token-store.ts';
import type { CallbackIndex } from '../callbacks/callback-index.ts';
import type { CallbackLog } from '../callbacks/callback-log.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { DeploymentRepository } from '../deploy/deployment-repository.ts';
import type { EnvironmentRepository } from '../environments/environment-repository.ts';
import type { FlowRepository } from '../flows/flow-repository.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { RetentionService } from '../retention/retention-service.ts';
import type { CredentialVault } from '../vault/credential-vault.ts';
import type { NonceLedger } from '../vault/nonce-ledger.ts';
import type { WebhookIndex } from '../webhooks/webhook-index.ts';

/**
 * Everything routes need, passed explicitly (no global container). Built once by `startServer`.
 */
export interface ServerContext {
  db: SqlDatabase;
  store: RunStore;
  /** The in-process engine, or (role `api`) one that hands work to the workers through the queue. */
  engine: Engine;
  registry: NodeRegistry;
  flows: FlowRepository;
  deployments: DeploymentRepository;
  /** Named environments (promotion order), their credential bindings and variable overrides. */
  environments: EnvironmentRepository;
  vault: CredentialVault;
  /** Seals and opens sensitive run values (the vault's master key); see `vault/run-value-sealer.ts`. */
  sealer: ValueSealer;
  tokens: TokenStore;
  callbackLog: CallbackLog;
  /** Nonces of verified messages, to refuse replays (signing recipes with a nonce). */
  nonces: NonceLedger;
  /** Retention defaults, per-flow policies and the purge (`retention/`). */
  retention: RetentionService;
  callbackIndex: CallbackIndex;
  webhookIndex: WebhookIndex;
  metrics: ServerMetrics;
  logger: Logger;
  /** Deploys run the flow's stored tests first and are refused when they fail (`--require-tests`). */
  requireTests?: boolean;
  /** Called after any deploy change: rebuilds the callback, webhook and schedule indexes (in every process). */
  onDeploymentsChanged(): Promise<void>;
  /** `webhookWaitMs`: how long a webhook waits for its run's answer before a 202 (default 30 s). */
  limits: {
    bodyLimit: number;
    maxOutputBytes: number;
    webhookWaitMs?: number;
    /** The expression limits of this server's runs (reported by `GET /api/health`). */
    expression: Readonly<ExpressionBounds>;
  };
}
