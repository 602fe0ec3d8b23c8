import pino, { type DestinationStream, type Logger } from 'pino';
import { redactQueryTokens } from './redact-query-token.ts';
import type { SecretScrubber } from './secret-scrubber.ts';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level?: string;
  /** Where lines go (default stdout); tests pass a collecting stream. */
  destination?: DestinationStream;
  scrubber: SecretScrubber;
}

/**
 * Paths that may carry secrets in anything we log. Redaction by path is the first line of defence;
 * the scrubber (every known secret value, masked in the final line) is the second.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature"]',
  'headers.authorization',
  '*.password',
  '*.secret',
  '*.appSecret',
  '*.app_secret',
  '*.token',
  '*.apiKey',
  'credential.data',
  '*.credential.data',
  'credentials[*].data',
];

/** A pino logger with secret redaction (paths, known values, `access_token` in URLs) for the whole server. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      serializers: {
        // Credentials are logged as their id and kind only; their data never reaches a line.
        credential: (c: { id?: string; kind?: string }) => ({ id: c?.id, kind: c?.kind }),
      },
      hooks: {
        streamWrite: (line: string) => redactQueryTokens(options.scrubber.scrub(line)),
      },
    },
    options.destination ?? pino.destination(1),
  );
}
