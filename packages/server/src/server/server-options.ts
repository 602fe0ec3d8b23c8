import type { ExpressionBounds, NodeRegistry } from '@junction/runtime';
import type { DestinationStream } from 'pino';
import type { AlertService, AlertSettings } from '../alerts/alert-service.ts';
import type { RouteInfo } from '../app/build-app.ts';
import type { RateLimit } from '../app/ingress-rate-limit.ts';
import type { OpenApiDocument } from '../openapi/install-openapi.ts';
import type { RetentionSettings } from '../retention/retention-settings.ts';
import type { StartWarning } from './public-url.ts';
import type { EgressSettings } from './server-egress.ts';

/** Options of `startServer`. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one (tests). Default 3000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Data directory: `junction.db` and `master.key` live here. Created when missing — only embedded
   * (SQLite); with `databaseUrl` nothing is created in it (the master key comes from `masterKey` or
   * `JUNCTION_MASTER_KEY`).
   */
  dataDir: string;
  /** Master key (64 hex chars or base64); default `JUNCTION_MASTER_KEY`, else `<data>/master.key`. */
  masterKey?: string;
  /** Request body limit in bytes (default 1 MiB); larger bodies get 413 `JX_PAYLOAD_TOO_LARGE`. */
  bodyLimit?: number;
  /** Per-node output cap in bytes (default 1 MiB); larger outputs fail the run with `JX_OUTPUT_TOO_LARGE`. */
  maxOutputBytes?: number;
  /**
   * Limits of every expression the runs evaluate (`--expression-timeout-ms`, `--expression-max-depth`,
   * `--expression-max-sequence`): default 1,000 ms of evaluation, call depth 500, sequences of
   * 1,000,000. A node may lower them for its own expressions (`expressionLimits`), never raise them.
   */
  expressionLimits?: Partial<ExpressionBounds>;
  /** Node types (default: the built-in registry). They run under the `egress` policy. */
  registry?: NodeRegistry;
  /**
   * Where nodes' outbound requests may go besides public addresses: `{allow: ['127.0.0.1:3100',
   * '10.0.0.0/8', 'erp.internal:8080']}`. Default none — loopback, private, link-local, CGNAT and
   * metadata addresses are refused with `JX_EGRESS_REFUSED` (`junction serve --egress-allow`).
   */
  egress?: EgressSettings;
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
  /** How long a webhook waits for its run's answer before answering 202 "recorded" (default 30 s). */
  webhookWaitMs?: number;
  /**
   * Log and count (never exit on) errors that escape every handler — `junction serve` sets it; a
   * library host decides this for itself.
   */
  guardProcess?: boolean;
  /** Engine run lease: a dead worker's runs are taken over after this long (default 30 s). */
  leaseMs?: number;
  /**
   * `--sealed-retention`: sealed run values (card numbers, card passwords) of runs finished longer
   * ago than this are erased from journals and run records, checked every ten minutes. Default: kept.
   */
  sealedRetentionMs?: number;
  /**
   * Retention defaults (`--retention-*` flags): succeeded runs 30 days, failed 90, no cap per flow,
   * callback log and markers 30 days, purged hourly (`intervalMs` 0: only on request). A flow's own
   * policy (`PUT /api/retention/flows/:id`) overrides the run fields.
   */
  retention?: Partial<RetentionSettings>;
  /** This process's id in run leases (default `<hostname>:<pid>`). */
  workerId?: string;
  /**
   * The URL suppliers and shops reach the API at (e.g. `https://junction.example.com`); callback and
   * webhook URLs shown to users derive from it. Default: the listen URL.
   */
  publicUrl?: string;
  /**
   * Whose `X-Forwarded-For` names the client (the rate limits' client key): `true` (every peer) or a
   * comma-separated list of proxy addresses, CIDRs or `loopback`/`uniquelocal`. Default false.
   */
  trustProxy?: boolean | string;
  /**
   * Server-wide rate limits of `/hooks/*` and `/callbacks/*` (default 1,200 per client and 6,000 per
   * path or channel per 60 s; 0 = off). A webhook trigger's `rateLimit` overrides them for its path.
   * With `redisUrl`, counters are shared by every api process.
   */
  rateLimit?: Partial<RateLimit>;
  /**
   * `--require-tests` (env `JUNCTION_REQUIRE_TESTS=1`): a deploy first runs the flow's stored tests
   * against the versions it puts live and is refused (409) when they fail or are missing. Default off.
   */
  requireTests?: boolean;
  /**
   * Alert evaluation: interval (default 60 s), extra channel URL prefixes besides the robots'
   * documented hosts (self-hosted proxies, local receivers in tests) and delivery retries.
   */
  alerts?: AlertSettings;
}

/** What a process does in a scale-out deployment. */
export type ServerRole = 'all' | 'api' | 'worker';

/** A running server. */
export interface RunningServer {
  /** Where the API listens; empty for a `worker`, which takes no HTTP. */
  url: string;
  role: ServerRole;
  /** Where suppliers and shops reach the API (`publicUrl`, else `url`); empty for a `worker`. */
  publicUrl: string;
  /** Problems the operator should fix, e.g. a missing public URL in scale-out (also logged). */
  warnings: StartWarning[];
  /** Present only on the first start of a data directory: the admin token, shown once. */
  adminToken?: string;
  /**
   * Where that first start kept the admin token: `<dataDir>/admin-token`, mode 0600 (embedded
   * SQLite only; with PostgreSQL the token is only printed).
   */
  adminTokenFile?: string;
  /** Every route with its schema and required scope (tests). */
  routes: RouteInfo[];
  /** The alert evaluator (tests drive `evaluateOnce(now)` directly). */
  alerts: AlertService;
  /**
   * The OpenAPI 3.1 document of the routes this process serves, generated by @fastify/swagger from
   * the route schemas (`pnpm docs` writes it to docs/api/openapi.json). A worker's has no paths.
   */
  openapi(): OpenApiDocument;
  close(): Promise<void>;
}
