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
}

/** A running server. */
export interface RunningServer {
  url: string;
  /** Present only on the first start of a data directory: the admin token, shown once. */
  adminToken?: string;
  /** Every route with its schema and required scope (tests, OpenAPI). */
  routes: RouteInfo[];
  close(): Promise<void>;
}
