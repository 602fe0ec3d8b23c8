import type { Logger } from 'pino';

/** Errors that escaped every handler, by kind, since the process started (for `/metrics`). */
const escaped = new Map<'unhandled-rejection' | 'uncaught-exception', number>();

/** Counts of {@link installProcessGuards}' catches, by kind. */
export function escapedErrorCounts(): ReadonlyMap<string, number> {
  return escaped;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'JX_ESCAPED_ERROR';
}

/**
 * The last line of defence of a `junction serve` process: a node's failure, a dropped connection or
 * a database restart must end as some run's outcome, never as a process exit. Every such path is
 * handled where it happens; whatever still escapes is logged with its code (and run, when the error
 * names one) and counted in `/metrics` as `junction_escaped_errors_total`, and the process goes on.
 * Returns the uninstaller. Only for the CLI: a library must not decide this for its host.
 */
export function installProcessGuards(logger: Logger): () => void {
  const report = (kind: 'unhandled-rejection' | 'uncaught-exception') => (error: unknown) => {
    escaped.set(kind, (escaped.get(kind) ?? 0) + 1);
    const details = (error as { details?: { runId?: unknown } } | undefined)?.details;
    logger.error(
      {
        code: codeOf(error),
        kind,
        ...(typeof details?.runId === 'string' ? { runId: details.runId } : {}),
        err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
      },
      'an error escaped every handler; the process keeps running',
    );
  };
  const onRejection = report('unhandled-rejection');
  const onException = report('uncaught-exception');
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
