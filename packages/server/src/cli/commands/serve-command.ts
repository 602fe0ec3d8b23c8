import { readFileSync } from 'node:fs';
import { JunctionError } from '@junction/runtime';
import { type RetentionFlags, retentionSettingsFrom } from '../../retention/retention-settings.ts';
import { parseRetention } from '../../runs/sealed-retention.ts';
import type { ServerRole } from '../../server/server-options.ts';
import { startServer } from '../../server/start-server.ts';
import { type CliIo, EXIT } from '../cli-io.ts';
import { type AlertFlags, alertSettings } from './alert-options.ts';
import { type EgressFlags, egressAllowList } from './egress-options.ts';
import { type ExpressionFlags, expressionLimitSettings } from './expression-options.ts';
import { type IngressFlags, ingressSettings } from './ingress-options.ts';

/** Options of `junction serve`. */
export interface ServeCommandOptions
  extends IngressFlags,
    EgressFlags,
    ExpressionFlags,
    AlertFlags,
    RetentionFlags {
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
  sealedRetention?: string;
  workerId?: string;
  publicUrl?: string;
  masterKeyFile?: string;
  /** `--require-tests`: deploys need the flow's stored tests to pass. */
  requireTests?: boolean;
}

const ROLES: ServerRole[] = ['all', 'api', 'worker'];

/**
 * `junction serve`: starts the server (or one role of a scale-out cluster) until SIGINT/SIGTERM.
 * Prints the admin token on the first start of a database, and where it was saved (embedded only).
 */
export async function serveCommand(options: ServeCommandOptions, io: CliIo): Promise<number> {
  const role = (options.role ?? 'all') as ServerRole;
  if (!ROLES.includes(role)) {
    io.err(`--role ${options.role} is unknown; use all, api or worker.`);
    return EXIT.usage;
  }
  const databaseUrl = options.database ?? process.env.JUNCTION_DATABASE_URL;
  const redisUrl = options.redis ?? process.env.JUNCTION_REDIS_URL;
  const publicUrl = options.publicUrl ?? process.env.JUNCTION_PUBLIC_URL;
  const masterKey = options.masterKeyFile ? readMasterKeyFile(options.masterKeyFile) : undefined;
  const ingress = ingressSettings(options);
  const egressAllow = egressAllowList(options);
  const expressionLimits = expressionLimitSettings(options);
  const retention = retentionSettingsFrom(options);
  const alerts = alertSettings(options);
  const server = await startServer({
    ...ingress,
    port: Number(options.port),
    host: options.host,
    dataDir: options.data,
    role,
    guardProcess: true,
    retention,
    ...(options.bodyLimit ? { bodyLimit: Number(options.bodyLimit) } : {}),
    ...(expressionLimits ? { expressionLimits } : {}),
    ...(alerts ? { alerts } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.databaseSchema ? { databaseSchema: options.databaseSchema } : {}),
    ...(redisUrl ? { redisUrl } : {}),
    ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
    ...(options.leaseMs ? { leaseMs: Number(options.leaseMs) } : {}),
    ...(options.sealedRetention ? { sealedRetentionMs: parseRetention(options.sealedRetention) } : {}),
    ...(options.workerId ? { workerId: options.workerId } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(masterKey ? { masterKey } : {}),
    ...(egressAllow ? { egress: { allow: egressAllow } } : {}),
    ...(options.requireTests || process.env.JUNCTION_REQUIRE_TESTS === '1' ? { requireTests: true } : {}),
  });
  const storage = databaseUrl ? 'PostgreSQL' : `data: ${options.data}`;
  if (server.url) io.out(`Junction ${role} listening on ${server.url} (${storage})`);
  else io.out(`Junction worker running (no HTTP)`);
  if (server.publicUrl) {
    io.out(
      `Public URL ${server.publicUrl}: webhooks at ${server.publicUrl}/hooks/<path>, ` +
        `callbacks at ${server.publicUrl}/callbacks/<channel>`,
    );
  }
  if (server.role !== 'api' && egressAllow?.length) {
    io.out(`Nodes may call public addresses and ${egressAllow.join(', ')} (--egress-allow)`);
  }
  for (const warning of server.warnings) io.err(`Warning ${warning.code}: ${warning.message}`);
  if (server.adminToken) {
    io.out(`Admin token (shown once, keep it safe): ${server.adminToken}`);
    if (server.adminTokenFile) {
      io.out(`Admin token saved to ${server.adminTokenFile} (mode 0600: readable by this user only)`);
    }
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

/** `--master-key-file`: the key (64 hex characters or base64) from a file, e.g. a mounted secret. */
function readMasterKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (cause) {
    throw new JunctionError(
      'JX_CLI_MASTER_KEY_FILE_UNREADABLE',
      `Cannot read the master key file ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'}); check the path and its permissions.`,
      { path },
    );
  }
}
