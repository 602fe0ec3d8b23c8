import { type ExpressionBounds, JunctionError } from '@junction/runtime';

/** The expression-limit flags of `junction serve` (each also read from its environment variable). */
export interface ExpressionFlags {
  expressionTimeoutMs?: string;
  expressionMaxDepth?: string;
  expressionMaxSequence?: string;
}

const SETTINGS: { key: keyof ExpressionBounds; flag: keyof ExpressionFlags; name: string; env: string }[] = [
  {
    key: 'timeoutMs',
    flag: 'expressionTimeoutMs',
    name: '--expression-timeout-ms',
    env: 'JUNCTION_EXPRESSION_TIMEOUT_MS',
  },
  {
    key: 'maxDepth',
    flag: 'expressionMaxDepth',
    name: '--expression-max-depth',
    env: 'JUNCTION_EXPRESSION_MAX_DEPTH',
  },
  {
    key: 'maxSequence',
    flag: 'expressionMaxSequence',
    name: '--expression-max-sequence',
    env: 'JUNCTION_EXPRESSION_MAX_SEQUENCE',
  },
];

/**
 * `--expression-timeout-ms`, `--expression-max-depth`, `--expression-max-sequence`, or
 * `JUNCTION_EXPRESSION_TIMEOUT_MS|MAX_DEPTH|MAX_SEQUENCE` (a flag wins over its variable): the
 * limits of every expression the server's runs evaluate. Unset ones keep their defaults.
 */
export function expressionLimitSettings(
  flags: ExpressionFlags,
  env: NodeJS.ProcessEnv = process.env,
): Partial<ExpressionBounds> | undefined {
  const limits: Partial<ExpressionBounds> = {};
  for (const { key, flag, name, env: variable } of SETTINGS) {
    const value = flags[flag] ?? env[variable];
    if (value === undefined || value.trim() === '') continue;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new JunctionError(
        'JX_CLI_EXPRESSION_LIMIT_INVALID',
        `${name} (or ${variable}) must be a whole number of at least 1; got "${value}".`,
        { flag: name, value },
      );
    }
    limits[key] = n;
  }
  return Object.keys(limits).length > 0 ? limits : undefined;
}
