import { createEngine, type Engine, getExpressionLimits, type Json, type RunStore } from '@junction/runtime';
import type { Logger } from 'pino';
import type { ServerContext } from '../app/server-context.ts';
import { TokenStore } from '../auth/token-store.ts';
import { CallbackIndex } from '../callbacks/callback-index.ts';
import { CallbackLog } from '../callbacks/callback-log.ts';
import { watchCanaryRollbacks } from '../deploy/canary-rollback.ts';
import { deployedDocuments } from '../deploy/deployed-documents.ts';
import { DeploymentRepository } from '../deploy/deployment-repository.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';
import { EnvironmentRepository } from '../environments/environment-repository.ts';
import { subflowResolver } from '../environments/resolve-subflow.ts';
import { FlowRepository } from '../flows/flow-repository.ts';
import { credentialKinds, secretFieldsOf, secretVariants } from '../integration/runtime-glue.ts';
import { createLogger } from '../logging/create-logger.ts';
import { SecretScrubber } from '../logging/secret-scrubber.ts';
import { ServerMetrics } from '../metrics/server-metrics.ts';
import { RetentionService } from '../retention/retention-service.ts';
import { DEFAULT_RETENTION } from '../retention/retention-settings.ts';
import { startDeployedRun } from '../runs/start-deployed-run.ts';
import type { ClusterBus } from '../scale/cluster-bus.ts';
import { Scheduler } from '../schedules/scheduler.ts';
import { credentialDataCheck } from '../vault/check-credential-data.ts';
import { CredentialVault } from '../vault/credential-vault.ts';
import { loadMasterKey } from '../vault/master-key-file.ts';
import { createNonceLedger } from '../vault/nonce-ledger.ts';
import { runValueSealer } from '../vault/run-value-sealer.ts';
import { WebhookIndex } from '../webhooks/webhook-index.ts';
import type { Storage } from './open-storage.ts';
import { egressRegistry } from './server-egress.ts';
import type { ServerOptions } from './server-options.ts';

const MIB = 1024 * 1024;

/** How the context is wired for this process's role. */
export interface ContextPlan {
  processId: string;
  /** True when this process executes runs (roles `all` and `worker`). */
  runsHere: boolean;
  /** Present in scale-out: deploy changes are announced to the other processes. */
  bus?: ClusterBus;
  /** Role `api`: the engine that queues work instead of running it. */
  remoteEngine?: ((store: RunStore, logger: Logger) => Engine) | undefined;
}

/**
 * Wires store → master key → vault → repositories → engine → metrics → ingress indexes, and loads
 * the deployed flows into the indexes. Routes get everything through the returned context.
 */
export async function buildContext(
  options: ServerOptions,
  { store, db }: Storage,
  plan: ContextPlan,
): Promise<{ ctx: ServerContext; scheduler?: Scheduler }> {
  const keys = loadMasterKey(options.dataDir, options.masterKey ?? process.env.JUNCTION_MASTER_KEY);
  const scrubber = new SecretScrubber();
  const logger = createLogger({
    scrubber,
    ...(options.logLevel ? { level: options.logLevel } : {}),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const { registry } = egressRegistry(options.egress, options.registry);
  const flows = new FlowRepository(db);
  const deployments = new DeploymentRepository(db);
  const environments = new EnvironmentRepository(db);
  const vault = await CredentialVault.open({
    db,
    ...keys,
    scrubber,
    secretFieldsOf,
    checkData: credentialDataCheck(credentialKinds()),
  });
  const sealer = runValueSealer(keys.current, keys.keyring);
  const maxOutputBytes = options.maxOutputBytes ?? MIB;
  const engine =
    plan.remoteEngine?.(store, logger) ??
    createEngine({
      store,
      registry,
      maxOutputBytes,
      ...(options.expressionLimits ? { expressionLimits: options.expressionLimits } : {}),
      owner: plan.processId,
      ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
      credentials: { resolve: (id) => vault.resolve(id) },
      secretVariants,
      sealer,
      flows: { resolve: subflowResolver({ store, flows, deployments, environments }) },
      logger: (line) => {
        const level = ['debug', 'info', 'warn', 'error'].includes(line.level) ? line.level : 'info';
        logger[level as 'info'](
          { runId: line.runId, nodeId: line.nodeId, fields: line.fields },
          line.message,
        );
      },
    });
  const metrics = new ServerMetrics(db, () => store);
  await metrics.counters.load();
  // Node and run counters are counted where runs execute (an API process only counts callbacks).
  if (plan.runsHere) engine.on((event) => metrics.observe(event));
  const callbackIndex = new CallbackIndex();
  const webhookIndex = new WebhookIndex();
  const rebuild = async () => {
    flows.forgetVersions();
    deployments.forget();
    environments.forget();
    const documents = await deployedDocuments(flows, deployments, environments);
    callbackIndex.rebuild(documents);
    webhookIndex.rebuild(documents);
    // Schedule triggers fire for production's deployments only (one srv_schedules row per flow node).
    await scheduler?.rebuild(documents.filter((d) => d.environment === DEFAULT_ENVIRONMENT));
  };
  const ctx: ServerContext = {
    db,
    store,
    engine,
    registry,
    flows,
    deployments,
    environments,
    vault,
    sealer,
    tokens: new TokenStore(db),
    callbackLog: new CallbackLog(db),
    nonces: createNonceLedger(db),
    retention: new RetentionService({ store, db, settings: { ...DEFAULT_RETENTION, ...options.retention } }),
    callbackIndex,
    webhookIndex,
    metrics,
    logger,
    requireTests: options.requireTests === true,
    limits: {
      bodyLimit: options.bodyLimit ?? MIB,
      maxOutputBytes,
      expression: { ...getExpressionLimits(), ...options.expressionLimits },
      ...(options.webhookWaitMs ? { webhookWaitMs: options.webhookWaitMs } : {}),
    },
    onDeploymentsChanged: async () => {
      await rebuild();
      await plan.bus?.publishSignal({ type: 'deployments', from: plan.processId });
    },
  };
  const scheduler = plan.runsHere
    ? new Scheduler(
        db,
        async ({ flowId, nodeId, dueAt, runId }) => {
          const input: Json = { scheduledAt: new Date(dueAt).toISOString() };
          const started = await startDeployedRun(ctx, flowId, input, { triggerNodeId: nodeId, runId });
          started.handle.done.catch(() => {});
        },
        logger,
      )
    : undefined;
  // Canary rollback rules are judged where runs finish.
  if (plan.runsHere) watchCanaryRollbacks(ctx);
  plan.bus?.onSignal((signal) => {
    if (signal.type !== 'deployments' || signal.from === plan.processId) return;
    rebuild().catch((error: unknown) => logger.error({ err: String(error) }, 'deployments not reloaded'));
  });
  await rebuild();
  return { ctx, ...(scheduler ? { scheduler } : {}) };
}
