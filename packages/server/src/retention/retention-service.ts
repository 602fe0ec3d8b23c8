import type { RunStore } from '@junction/runtime';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../db/sql-database.ts';
import { type PurgeOptions, type PurgeReport, purgeNow } from './purge-runner.ts';
import { RetentionPolicyRepository } from './retention-policies.ts';
import type { RetentionSettings } from './retention-settings.ts';

/** The first timed purge comes this soon after start (or after one interval, if shorter). */
const FIRST_SWEEP_MS = 60_000;

/**
 * Retention in one place for routes, the CLI and the timer: the server's defaults, the per-flow
 * policies and the purge. Purges of one process never overlap: a request during a purge runs after it.
 */
export class RetentionService {
  readonly settings: Readonly<RetentionSettings>;
  readonly policies: RetentionPolicyRepository;
  readonly #store: RunStore;
  readonly #db: SqlDatabase;
  #last: Promise<unknown> = Promise.resolve();

  constructor(options: { store: RunStore; db: SqlDatabase; settings: RetentionSettings }) {
    this.settings = Object.freeze({ ...options.settings });
    this.policies = new RetentionPolicyRepository(options.db);
    this.#store = options.store;
    this.#db = options.db;
  }

  /** Purges now (after any purge in progress) and reports what went. */
  purge(options: PurgeOptions = {}): Promise<PurgeReport> {
    const next = this.#last.then(async () =>
      purgeNow(
        { store: this.#store, db: this.#db, settings: this.settings, policies: await this.policies.list() },
        options,
      ),
    );
    this.#last = next.catch(() => undefined);
    return next;
  }

  /**
   * Purges every `intervalMs` (nothing when 0); returns the function that stops it. A failed purge is
   * logged (`JX_RETENTION_PURGE_FAILED`) and tried again at the next interval. Stopping waits for a
   * purge in progress.
   */
  start(logger: Logger): () => Promise<void> {
    const every = this.settings.intervalMs;
    if (every <= 0) return async () => {};
    const sweep = (): void => {
      this.purge().then(
        (report) => {
          if (report.runs + report.callbackLogs + report.callbackMarks + report.kv + report.inbox > 0)
            logger.info({ retention: report }, 'retention purge');
        },
        (error: unknown) =>
          logger.warn(
            { code: 'JX_RETENTION_PURGE_FAILED', err: String(error) },
            'retention purge failed; retried at the next interval',
          ),
      );
    };
    let interval: NodeJS.Timeout | undefined;
    const first = setTimeout(
      () => {
        sweep();
        interval = setInterval(sweep, every);
        interval.unref();
      },
      Math.min(FIRST_SWEEP_MS, every),
    );
    first.unref();
    // Stopping waits for a purge in progress, so the store is not closed under it.
    return async () => {
      clearTimeout(first);
      if (interval) clearInterval(interval);
      await this.#last;
    };
  }
}
