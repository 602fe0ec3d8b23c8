import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Json, type SqliteRunStore } from '@junction/runtime';
import { buildApp, type RouteInfo } from '../app/build-app.ts';
import type { ServerContext } from '../app/server-context.ts';
import { TokenStore } from '../auth/token-store.ts';
import { CallbackIndex } from '../callbacks/callback-index.ts';
import { CallbackLog } from '../callbacks/callback-log.ts';
import { migrateServerSchema } from '../db/server-schema.ts';
import { deployedDocuments } from '../deploy/deployed-documents.ts';
import { DeploymentRepository } from '../deploy/deployment-repository.ts';
import { FlowRepository } from '../flows/flow-repository.ts';
import { createBuiltinRegistry, secretFieldsOf } from '../integration/runtime-glue.ts';
import { createLogger } from '../logging/create-logger.ts';
import { SecretScrubber } from '../logging/secret-scrubber.ts';
import { ServerMetrics } from '../metrics/server-metrics.ts';
import { startDeployedRun } from '../runs/start-deployed-run.ts';
import { Scheduler } from '../schedules/scheduler.ts';
import { CredentialVault } from '../vault/credential-vault.ts';
import { loadMasterKey } from '../vault/master-key-file.ts';
import { WebhookIndex } from '../webhooks/webhook-index.ts';
import { openStore } from './open-database.ts';
import type { RunningServer, ServerOptions } from './server-options.ts';

const DEFAULT_EDITOR_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../editor/dist');
const MIB = 1024 * 1024;

/**
 * Starts the embedded server: one process, one SQLite file, the engine in-process. Usable from
 * tests with `port: 0`. On the first start of a data directory an admin token is created and returned.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const store = openStore(options.dataDir);
  try {
    return await startOnStore(options, store);
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function startOnStore(options: ServerOptions, store: SqliteRunStore): Promise<RunningServer> {
  const db = store.database;
  migrateServerSchema(db);
  const keys = loadMasterKey(options.dataDir, options.masterKey ?? process.env.JUNCTION_MASTER_KEY);
  const scrubber = new SecretScrubber();
  const logger = createLogger({
    scrubber,
    ...(options.logLevel ? { level: options.logLevel } : {}),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const registry = options.registry ?? createBuiltinRegistry();
  const flows = new FlowRepository(db);
  const deployments = new DeploymentRepository(db);
  const vault = new CredentialVault({ db, ...keys, scrubber, secretFieldsOf });
  const maxOutputBytes = options.maxOutputBytes ?? MIB;
  const engine = createEngine({
    store,
    registry,
    maxOutputBytes,
    credentials: { resolve: async (id) => vault.resolve(id) },
    flows: {
      resolve: async (flowId, version) => {
        const v = version ?? deployments.find(flowId)?.version;
        if (v === undefined) return undefined;
        return { document: flows.getVersion(flowId, v), version: v };
      },
    },
    logger: (line) => {
      const level = ['debug', 'info', 'warn', 'error'].includes(line.level) ? line.level : 'info';
      logger[level as 'info']({ runId: line.runId, nodeId: line.nodeId, fields: line.fields }, line.message);
    },
  });
  const metrics = new ServerMetrics(db, () => store);
  engine.on((event) => metrics.observe(event));
  const callbackIndex = new CallbackIndex();
  const webhookIndex = new WebhookIndex();
  const tokens = new TokenStore(db);
  const ctx: ServerContext = {
    db,
    store,
    engine,
    registry,
    flows,
    deployments,
    vault,
    tokens,
    callbackLog: new CallbackLog(db),
    callbackIndex,
    webhookIndex,
    metrics,
    logger,
    limits: { bodyLimit: options.bodyLimit ?? MIB, maxOutputBytes },
    onDeploymentsChanged: () => {
      const documents = deployedDocuments(flows, deployments);
      callbackIndex.rebuild(documents);
      webhookIndex.rebuild(documents);
      scheduler.rebuild(documents);
    },
  };
  const scheduler = new Scheduler(
    db,
    async ({ flowId, nodeId, dueAt, runId }) => {
      const input: Json = { scheduledAt: new Date(dueAt).toISOString() };
      const started = await startDeployedRun(ctx, flowId, input, { triggerNodeId: nodeId, runId });
      started.handle.done.catch(() => {});
    },
    logger,
  );
  ctx.onDeploymentsChanged();
  const adminToken = tokens.count() === 0 ? tokens.create('admin', ['admin']).token : undefined;

  const routes: RouteInfo[] = [];
  const app = await buildApp(ctx, { editorDir: options.editorDir ?? DEFAULT_EDITOR_DIR, routes });
  await app.listen({ port: options.port ?? 3000, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  // Embedded mode: this process is the only worker, so every unfinished run is ours to continue.
  const recovered = await engine.recover({ force: true });
  if (recovered > 0) logger.info({ recovered }, 'continued unfinished runs');
  engine.startBackground();
  scheduler.start(options.scheduleIntervalMs);
  logger.info({ url }, 'junction server started');

  let closed = false;
  return {
    url,
    ...(adminToken ? { adminToken } : {}),
    routes,
    async close() {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await app.close();
      await engine.stop();
      metrics.close();
      await store.close();
    },
  };
}
