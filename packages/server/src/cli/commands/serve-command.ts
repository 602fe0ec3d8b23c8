import { startServer } from '../../server/start-server.ts';
import type { CliIo } from '../cli-io.ts';

/** Options of `junction serve`. */
export interface ServeCommandOptions {
  port: string;
  host: string;
  data: string;
  bodyLimit?: string;
  role?: string;
}

/** `junction serve`: starts the embedded server until SIGINT/SIGTERM. Prints the admin token on first start. */
export async function serveCommand(options: ServeCommandOptions, io: CliIo): Promise<number> {
  if (options.role && options.role !== 'all') {
    io.err(
      `--role ${options.role} (scale-out with PostgreSQL and Redis) is not available in this build; run without --role for the embedded server.`,
    );
    return 2;
  }
  const server = await startServer({
    port: Number(options.port),
    host: options.host,
    dataDir: options.data,
    ...(options.bodyLimit ? { bodyLimit: Number(options.bodyLimit) } : {}),
  });
  io.out(`Junction listening on ${server.url} (data: ${options.data})`);
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
  return 0;
}
