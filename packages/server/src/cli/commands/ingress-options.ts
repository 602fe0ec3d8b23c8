import { JunctionError } from '@junction/runtime';
import type { RateLimit } from '../../app/ingress-rate-limit.ts';

/** The ingress flags of `junction serve` (each also read from its environment variable). */
export interface IngressFlags {
  trustProxy?: string;
  rateLimitClient?: string;
  rateLimitFlow?: string;
  rateLimitWindow?: string;
}

/** What the ingress flags mean for `startServer`. */
export interface IngressSettings {
  trustProxy?: boolean | string;
  rateLimit?: Partial<RateLimit>;
}

function count(flag: string, env: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new JunctionError(
      'JX_CLI_RATE_LIMIT_INVALID',
      `${flag} (or ${env}) must be a whole number of at least ${min}; got "${value}".`,
      { flag, value },
    );
  }
  return n;
}

/**
 * `--trust-proxy` (`JUNCTION_TRUST_PROXY`): `true`/`false`, or proxy addresses/CIDRs separated by
 * commas. `--rate-limit-client`, `--rate-limit-flow` (requests per window, 0 = off) and
 * `--rate-limit-window` (seconds), or `JUNCTION_RATE_LIMIT_CLIENT|FLOW|WINDOW`.
 */
export function ingressSettings(flags: IngressFlags, env: NodeJS.ProcessEnv = process.env): IngressSettings {
  const proxy = flags.trustProxy ?? env.JUNCTION_TRUST_PROXY;
  const perClient = count(
    '--rate-limit-client',
    'JUNCTION_RATE_LIMIT_CLIENT',
    flags.rateLimitClient ?? env.JUNCTION_RATE_LIMIT_CLIENT,
    0,
  );
  const perFlow = count(
    '--rate-limit-flow',
    'JUNCTION_RATE_LIMIT_FLOW',
    flags.rateLimitFlow ?? env.JUNCTION_RATE_LIMIT_FLOW,
    0,
  );
  const windowSeconds = count(
    '--rate-limit-window',
    'JUNCTION_RATE_LIMIT_WINDOW',
    flags.rateLimitWindow ?? env.JUNCTION_RATE_LIMIT_WINDOW,
    1,
  );
  const rateLimit: Partial<RateLimit> = {
    ...(perClient !== undefined ? { perClient } : {}),
    ...(perFlow !== undefined ? { perFlow } : {}),
    ...(windowSeconds !== undefined ? { windowMs: windowSeconds * 1000 } : {}),
  };
  const trimmed = proxy?.trim();
  return {
    ...(trimmed ? { trustProxy: trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed } : {}),
    ...(Object.keys(rateLimit).length > 0 ? { rateLimit } : {}),
  };
}
