import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeCodeWorkers } from '@junction/nodes';
import { JunctionError } from '@junction/runtime';
import type { Logger } from 'pino';
import { AlertService } from '../alerts/alert-service.ts';
import { buildApp, type RouteInfo } from '../app/build-app.ts';
import { writeAdminTokenFile } from '../auth/admin-token-file.ts';
import type { TokenStore } from '../auth/token-store.ts';
import { ensurePrivateDir } from '../db/private-files.ts';
import { createEgressPolicy } from '../integration/runtime-glue.ts';
import { createLogger } from '../logging/create-logger.ts';
import { SecretScrubber } from '../logging/secret-scrubber.ts';
import { type OpenApiDocument, openApiDocument, openApiSkeleton } from '../openapi/install-openapi.ts';
import { startSealedRetention } from '../runs/sealed-retention.ts';
import { type Cluster, openCluster } from '../scale/open-cluster.ts';
import { startQueueWorker } from '../scale/queue-worker.ts';
import { createRemoteEngine } from '../scale/remote-engine.ts';
import { buildContext } from './build-context.ts';
import { openStorage, type Storage } from './open-storage.ts';
import { installProcessGuards } from './process-guards.ts';
import { publicUrlWarning, resolvePublicUrl } from './public-url.ts';
import type { RunningServer, ServerOptions, ServerRole } from './server-options.ts';

const DEFAULT_EDITOR_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../editor/dist');

type Closer = () => Promise<void> | void;

/** Logs of the start-up, before the context (and its logger) exists. */
function bootLogger(options: ServerOptions): Logger {
  return createLogger({
    scrubber: new SecretScrubber(),
    ...(options.logLevel ? { level: options.logLevel } : {}),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
}

async function closeAll(closers: Closer[]): Promise<void> {
  for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => {});
}

function checkRole(role: ServerRole, options: ServerOptions): void {
  if (role !== 'all' && (!options.databaseUrl || !options.redisUrl)) {
    throw new JunctionError(
      'JX_ROLE_NEEDS_CLUSTER',
      `--role ${role} shares work with other processes: give --database postgres://… and --redis redis://….`,
      { role },
    );
  }
  if (options.databaseUrl && !(options.masterKey ?? process.env.JUNCTION_MASTER_KEY)) {
    throw new JunctionError(
      'JX_MASTER_KEY_REQUIRED',
      'Processes sharing a database must share the master key: set JUNCTION_MASTER_KEY (64 hex characters) or pass --master-key-file.',
    );
  }
}

/**
 * Starts Junction. Embedded (default): one process, one SQLite file, the engine in-process; usable
 * from tests with `port: 0`. Scale-out (`role`, `databaseUrl`, `redisUrl`): `api` processes answer
 * HTTP and queue the work, `worker` processes run it. On the first start of a database an admin
 * token is created and returned.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const role = options.role ?? 'all';
  checkRole(role, options);
  resolvePublicUrl(options.publicUrl, ''); // refuses a malformed --public-url before anything starts
  // Only the embedded server keeps files: on PostgreSQL the key comes from the environment.
  if (!options.databaseUrl) ensurePrivateDir(options.dataDir);
  const closers: Closer[] = [];
  try {
    const storage = await openStorage({
      ...options,
      onWaiting: ({ attempt, retryInMs, reason }) =>
        bootLogger(options).warn(
          { attempt, retryInMs, reason },
          'waiting for the database to accept connections',
        ),
    });
    closers.push(() => storage.store.close());
    return await startOnStorage(options, role, storage, closers);
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function startOnStorage(
  options: ServerOptions,
  role: ServerRole,
  storage: Storage,
  closers: Closer[],
): Promise<RunningServer> {
  const processId = options.workerId ?? `${hostname()}:${process.pid}`;
  let cluster: Cluster | undefined;
  if (options.redisUrl) {
    const boot = bootLogger(options);
    cluster = await openCluster(options.redisUrl, options.queuePrefix, {
      onWaiting: (info) => boot.warn(info, 'waiting for Redis to accept connections'),
      onWarning: ({ code, message }) => boot.warn({ code }, message),
    });
    closers.push(() => cluster?.close());
  }
  const runsHere = role !== 'api';
  const parts = await buildContext(options, storage, {
    processId,
    runsHere,
    ...(cluster ? { bus: cluster.bus } : {}),
    remoteEngine:
      cluster && !runsHere
        ? (store, logger) =>
            createRemoteEngine({
              queue: cluster.queue,
              queueEvents: cluster.queueEvents,
              bus: cluster.bus,
              store,
              logger,
              processId,
            })
        : undefined,
  });
  const { ctx, scheduler } = parts;
  if (options.guardProcess) closers.push(installProcessGuards(ctx.logger));
  closers.push(() => ctx.metrics.close());
  // After the engine has drained (closers run in reverse): the code.js workers are idle by then.
  closers.push(() => closeCodeWorkers());
  if (cluster) ctx.metrics.watchQueue(cluster.queue);
  closers.push(() => ctx.engine.stop());
  const { logger, engine } = ctx;
  // Notifications go out under an egress policy of their own (the same allow-list as the nodes').
  const alertEgress = createEgressPolicy({ allow: options.egress?.allow ?? [] });
  closers.push(() => alertEgress.close());
  let alertLinkBase = '';
  const alerts = new AlertService(
    { ...ctx, egress: alertEgress, publicUrl: () => alertLinkBase },
    options.alerts,
  );
  closers.push(() => alerts.stop());

  const routes: RouteInfo[] = [];
  let openapi: () => OpenApiDocument = openApiSkeleton;
  let url = '';
  let adminToken: string | undefined;
  let adminTokenFile: string | undefined;
  if (role !== 'worker') {
    const tokens: TokenStore = ctx.tokens;
    if ((await tokens.count()) === 0) {
      adminToken = (await tokens.create('admin', ['admin'])).token;
      // Embedded only: with PostgreSQL the data directory is not the server's (nothing is written there).
      if (!options.databaseUrl) adminTokenFile = writeAdminTokenFile(options.dataDir, adminToken);
    }
    // Rate-limit counters shared by every api process; a connection of its own that fails fast
    // (no offline queue) so that a Redis outage lets requests through instead of holding them.
    const limitRedis = cluster?.redis.duplicate({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 250,
      lazyConnect: true,
    });
    if (limitRedis) {
      limitRedis.on('error', () => {});
      closers.push(() =>
        limitRedis.quit().then(
          () => undefined,
          () => limitRedis.disconnect(),
        ),
      );
      // Connected before the first request: with no offline queue, a request on a connection
      // still opening would pass uncounted.
      await limitRedis.connect().catch(() => {});
    }
    const app = await buildApp(ctx, {
      editorDir: options.editorDir ?? DEFAULT_EDITOR_DIR,
      routes,
      alerts,
      ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
      rateLimit: {
        ...(options.rateLimit ? { defaults: options.rateLimit } : {}),
        ...(limitRedis ? { redis: limitRedis, namespace: options.queuePrefix ?? 'junction' } : {}),
      },
    });
    closers.push(() => app.close());
    await app.listen({ port: options.port ?? 3000, host: options.host ?? '127.0.0.1' });
    openapi = () => openApiDocument(app);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  }
  const publicUrl = role === 'worker' ? '' : resolvePublicUrl(options.publicUrl, url);
  alertLinkBase = publicUrl;
  const warning = publicUrlWarning(role, storage.shared, options.publicUrl);
  if (warning) logger.warn({ code: warning.code }, warning.message);
  // The durability invariant, checked at every start: a run left waiting with nothing to wake it is
  // a defect's trace; recovery below (or a worker's, in scale-out) continues it from its journal.
  const stranded = await storage.store.listStrandedRuns(Date.now(), 500);
  if (stranded.length > 0) {
    logger.warn(
      { code: 'JX_RUN_STRANDED', runs: stranded.map((run) => run.id) },
      `${stranded.length} waiting run(s) had nothing to wake them; they are being continued from their journal`,
    );
  }
  if (runsHere) {
    // Embedded: this process is the only one, so every unfinished run is ours to continue. Shared
    // database: only runs whose lease ran out (their worker died).
    const recovered = await engine.recover({ force: !storage.shared });
    if (recovered > 0) logger.info({ recovered }, 'continued unfinished runs');
    engine.startBackground();
    closers.push(alerts.signals.watch(engine, storage.store, logger));
    if (options.sealedRetentionMs)
      closers.push(startSealedRetention(ctx.db, options.sealedRetentionMs, logger));
    scheduler?.start(options.scheduleIntervalMs);
    closers.push(ctx.retention.start(logger));
    closers.push(() => scheduler?.stop());
    if (cluster) {
      const worker = await startQueueWorker({
        engine,
        redis: cluster.redis,
        names: cluster.names,
        bus: cluster.bus,
        logger,
        ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
      });
      closers.push(() => worker.close());
    }
  }
  // Wherever the API answers; several processes evaluating the same rules still notify once.
  if (role !== 'worker') alerts.start();
  logger.info({ url, role, processId }, 'junction server started');

  let closed = false;
  return {
    url,
    role,
    publicUrl,
    warnings: warning ? [warning] : [],
    ...(adminToken ? { adminToken } : {}),
    ...(adminTokenFile ? { adminTokenFile } : {}),
    routes,
    alerts,
    openapi,
    async close() {
      if (closed) return;
      closed = true;
      await closeAll(closers);
    },
  };
}
