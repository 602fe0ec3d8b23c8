import type { NodeRegistry } from '@junction/runtime';
import type { DestinationStream } from 'pino';
import type { RouteInfo } from '../app/build-app.ts';

/** Options of `startServer`. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one (tests). Default 3000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Data directory: `junction.db` and `master.key` live here. Created when missing. */
  dataDir: string;
  /** Master key (64 hex chars or base64); default `JUNCTION_MASTER_KEY`, else `<data>/master.key`. */
  masterKey?: string;
  /** Request body limit in bytes (default 1 MiB); larger bodies get 413 `JX_PAYLOAD_TOO_LARGE`. */
  bodyLimit?: number;
  /** Per-node output cap in bytes (default 1 MiB); larger outputs fail the run with `JX_OUTPUT_TOO_LARGE`. */
  maxOutputBytes?: number;
  /** Node types (default: the built-in registry). */
  registry?: NodeRegistry;
  /** Built editor to serve at `/` (default: packages/editor/dist when it exists). */
  editorDir?: string;
  logLevel?: string;
  /** Where log lines go (default stdout). */
  logDestination?: DestinationStream;
  /** Schedule loop interval (default 500 ms). */
  scheduleIntervalMs?: number;
  /**
   * What this process does (default `all`). `api`: HTTP only, work goes to the queue; `worker`: runs
   * the engine on queued work, timers and orphaned runs, no HTTP. Both need `databaseUrl` and `redisUrl`.
   */
  role?: ServerRole;
  /** PostgreSQL URL (`postgres://…`); default the embedded SQLite file in `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL schema of the run store and the server's tables (default `junction`). */
  databaseSchema?: string;
  /** Redis URL for the BullMQ queue and pub/sub between processes (scale-out). */
  redisUrl?: string;
  /** Prefix of every Redis key and channel, to run several clusters on one Redis (default `junction`). */
  queuePrefix?: string;
  /** Engine run lease: a dead worker's runs are taken over after this long (default 30 s). */
  leaseMs?: number;
  /** This process's id in run leases (default `<hostname>:<pid>`). */
  workerId?: string;
}

/** What a process does in a scale-out deployment. */
export type ServerRole = 'all' | 'api' | 'worker';

/** A running server. */
export interface RunningServer {
  /** Where the API listens; empty for a `worker`, which takes no HTTP. */
  url: string;
  role: ServerRole;
  /** Present only on the first start of a data directory: the admin token, shown once. */
  adminToken?: string;
  /** Every route with its schema and required scope (tests, OpenAPI). */
  routes: RouteInfo[];
  close(): Promise<void>;
}
