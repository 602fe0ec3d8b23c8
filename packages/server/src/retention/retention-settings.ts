import { JunctionError } from '@junction/runtime';

/**
 * The server's retention defaults, which every flow without a policy of its own follows. `null`
 * keeps forever (no age limit, no cap). Runs still queued, running or waiting are never purged.
 */
export interface RetentionSettings {
  /** Days a succeeded run is kept after it finished. */
  succeededDays: number | null;
  /** Days a failed or cancelled run is kept after it finished. */
  failedDays: number | null;
  /** Finished runs kept per flow at most, newest first. */
  maxRuns: number | null;
  /** Days the callback log and the delivered / timed-out callback markers are kept. */
  callbackDays: number | null;
  /** How often the purge runs in the server, in ms; 0 = only on request (API, `junction purge`). */
  intervalMs: number;
}

/** Defaults: succeeded runs 30 days, failed 90, no cap per flow, callbacks 30 days, hourly. */
export const DEFAULT_RETENTION: Readonly<RetentionSettings> = Object.freeze({
  succeededDays: 30,
  failedDays: 90,
  maxRuns: null,
  callbackDays: 30,
  intervalMs: 3_600_000,
});

/** Flags of `junction serve` and `junction purge` (each also read from its environment variable). */
export interface RetentionFlags {
  retentionSucceededDays?: string;
  retentionFailedDays?: string;
  retentionMaxRuns?: string;
  retentionCallbackDays?: string;
  retentionInterval?: string;
}

type CountKey = 'succeededDays' | 'failedDays' | 'maxRuns' | 'callbackDays';

const COUNTS: { key: CountKey; flag: keyof RetentionFlags; name: string; env: string }[] = [
  {
    key: 'succeededDays',
    flag: 'retentionSucceededDays',
    name: '--retention-succeeded-days',
    env: 'JUNCTION_RETENTION_SUCCEEDED_DAYS',
  },
  {
    key: 'failedDays',
    flag: 'retentionFailedDays',
    name: '--retention-failed-days',
    env: 'JUNCTION_RETENTION_FAILED_DAYS',
  },
  {
    key: 'maxRuns',
    flag: 'retentionMaxRuns',
    name: '--retention-max-runs',
    env: 'JUNCTION_RETENTION_MAX_RUNS',
  },
  {
    key: 'callbackDays',
    flag: 'retentionCallbackDays',
    name: '--retention-callback-days',
    env: 'JUNCTION_RETENTION_CALLBACK_DAYS',
  },
];

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function invalid(name: string, variable: string, value: string, expected: string): JunctionError {
  return new JunctionError(
    'JX_RETENTION_SETTING_INVALID',
    `${name} (or ${variable}) must be ${expected}; got "${value}".`,
    { flag: name, value },
  );
}

/**
 * The retention settings from flags, else environment variables, else {@link DEFAULT_RETENTION}:
 * counts are whole numbers of at least 1 or `off` (keep forever); the interval is a duration
 * (`1h`, `30m`, `90s`, plain ms) or `off`. Throws `JX_RETENTION_SETTING_INVALID` otherwise.
 */
export function retentionSettingsFrom(
  flags: RetentionFlags,
  env: NodeJS.ProcessEnv = process.env,
): RetentionSettings {
  const settings: RetentionSettings = { ...DEFAULT_RETENTION };
  for (const { key, flag, name, env: variable } of COUNTS) {
    const value = (flags[flag] ?? env[variable])?.trim();
    if (value === undefined || value === '') continue;
    if (value === 'off') {
      settings[key] = null;
      continue;
    }
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
      throw invalid(name, variable, value, 'a whole number of at least 1, or off');
    }
    settings[key] = n;
  }
  const interval = (flags.retentionInterval ?? env.JUNCTION_RETENTION_INTERVAL)?.trim();
  if (interval !== undefined && interval !== '') {
    if (interval === 'off' || interval === '0') settings.intervalMs = 0;
    else {
      const match = /^(\d+)(ms|s|m|h|d)?$/.exec(interval);
      const ms = match ? Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? Number.NaN) : Number.NaN;
      if (!Number.isSafeInteger(ms) || ms < 1000) {
        throw invalid(
          '--retention-interval',
          'JUNCTION_RETENTION_INTERVAL',
          interval,
          'a duration of at least 1s such as 1h or 30m, or off',
        );
      }
      settings.intervalMs = ms;
    }
  }
  return settings;
}
