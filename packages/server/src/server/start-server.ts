import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JunctionError } from '@junction/runtime';
import { buildApp, type RouteInfo } from '../app/build-app.ts';
import type { TokenStore } from '../auth/token-store.ts';
import { ensurePrivateDir } from '../db/private-files.ts';
import { type Cluster, openCluster } from '../scale/open-cluster.ts';
import { startQueueWorker } from '../scale/queue-worker.ts';
import { createRemoteEngine } from '../scale/remote-engine.ts';
import { buildContext } from './build-context.ts';
import { openStorage, type Storage } from './open-storage.ts';
import type { RunningServer, ServerOptions, ServerRole } from './server-options.ts';

const DEFAULT_EDITOR_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../editor/dist');

type Closer = () => Promise<void> | void;

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
      'Processes sharing a database must share the master key: set JUNCTION_MASTER_KEY (64 hex characters).',
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
  ensurePrivateDir(options.dataDir);
  const closers: Closer[] = [];
  try {
    const storage = await openStorage(options);
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
    cluster = await openCluster(options.redisUrl, options.queuePrefix);
    closers.push(() => cluster?.close());
  }
  const runsHere = role !== 'api';
  const parts = await buildContext(options, storage, {
    processId,
    runsHere,
    ...(cluster ? { bus: cluster.bus } : {}),
    remoteEngine:
      cluster && !runsHere
        ? (store) =>
            createRemoteEngine({
              queue: cluster.queue,
              queueEvents: cluster.queueEvents,
              bus: cluster.bus,
              store,
              processId,
            })
        : undefined,
  });
  const { ctx, scheduler } = parts;
  closers.push(() => ctx.metrics.close());
  closers.push(() => ctx.engine.stop());
  const { logger, engine } = ctx;

  const routes: RouteInfo[] = [];
  let url = '';
  let adminToken: string | undefined;
  if (role !== 'worker') {
    const tokens: TokenStore = ctx.tokens;
    if ((await tokens.count()) === 0) adminToken = (await tokens.create('admin', ['admin'])).token;
    const app = await buildApp(ctx, { editorDir: options.editorDir ?? DEFAULT_EDITOR_DIR, routes });
    closers.push(() => app.close());
    await app.listen({ port: options.port ?? 3000, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  }
  if (runsHere) {
    // Embedded: this process is the only one, so every unfinished run is ours to continue. Shared
    // database: only runs whose lease ran out (their worker died).
    const recovered = await engine.recover({ force: !storage.shared });
    if (recovered > 0) logger.info({ recovered }, 'continued unfinished runs');
    engine.startBackground();
    scheduler?.start(options.scheduleIntervalMs);
    closers.push(() => scheduler?.stop());
    if (cluster) {
      const worker = await startQueueWorker({
        engine,
        redis: cluster.redis,
        names: cluster.names,
        bus: cluster.bus,
        logger,
      });
      closers.push(() => worker.close());
    }
  }
  logger.info({ url, role, processId }, 'junction server started');

  let closed = false;
  return {
    url,
    role,
    ...(adminToken ? { adminToken } : {}),
    routes,
    async close() {
      if (closed) return;
      closed = true;
      await closeAll(closers);
    },
  };
}
