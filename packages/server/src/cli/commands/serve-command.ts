import type { ServerRole } from '../../server/server-options.ts';
import { startServer } from '../../server/start-server.ts';
import { type CliIo, EXIT } from '../cli-io.ts';

/** Options of `junction serve`. */
export interface ServeCommandOptions {
  port: string;
  host: string;
  data: string;
  bodyLimit?: string;
  role?: string;
  database?: string;
  databaseSchema?: string;
  redis?: string;
  queuePrefix?: string;
  leaseMs?: string;
  workerId?: string;
}

const ROLES: ServerRole[] = ['all', 'api', 'worker'];

/**
 * `junction serve`: starts the server (or one role of a scale-out cluster) until SIGINT/SIGTERM.
 * Prints the admin token on the first start of a database.
 */
export async function serveCommand(options: ServeCommandOptions, io: CliIo): Promise<number> {
  const role = (options.role ?? 'all') as ServerRole;
  if (!ROLES.includes(role)) {
    io.err(`--role ${options.role} is unknown; use all, api or worker.`);
    return EXIT.usage;
  }
  const databaseUrl = options.database ?? process.env.JUNCTION_DATABASE_URL;
  const redisUrl = options.redis ?? process.env.JUNCTION_REDIS_URL;
  const server = await startServer({
    port: Number(options.port),
    host: options.host,
    dataDir: options.data,
    role,
    ...(options.bodyLimit ? { bodyLimit: Number(options.bodyLimit) } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.databaseSchema ? { databaseSchema: options.databaseSchema } : {}),
    ...(redisUrl ? { redisUrl } : {}),
    ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
    ...(options.leaseMs ? { leaseMs: Number(options.leaseMs) } : {}),
    ...(options.workerId ? { workerId: options.workerId } : {}),
  });
  if (server.url) io.out(`Junction ${role} listening on ${server.url} (data: ${options.data})`);
  else io.out(`Junction worker running (no HTTP)`);
  if (server.adminToken) {
    io.out(`Admin token (shown once, keep it safe): ${server.adminToken}`);
    io.out(`Open the editor: ${server.url}/#token=${server.adminToken}`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return EXIT.ok;
}
