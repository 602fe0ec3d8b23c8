import { JunctionError } from '@junction/runtime';
import type { AlertSettings } from '../../alerts/alert-service.ts';

/** `junction serve` flags of alerting. */
export interface AlertFlags {
  alertIntervalMs?: string;
  alertChannelBaseUrl?: string;
}

/**
 * `--alert-interval-ms` (env `JUNCTION_ALERT_INTERVAL_MS`, default 60000, 0 = only on demand) and
 * `--alert-channel-base-url` (env `JUNCTION_ALERT_CHANNEL_BASE_URLS`, comma-separated URL prefixes
 * channels may use besides the robots' documented hosts). Throws `JX_ALERT_SETTING_INVALID`.
 */
export function alertSettings(
  flags: AlertFlags,
  env: NodeJS.ProcessEnv = process.env,
): AlertSettings | undefined {
  const interval = flags.alertIntervalMs ?? env.JUNCTION_ALERT_INTERVAL_MS;
  const bases = flags.alertChannelBaseUrl ?? env.JUNCTION_ALERT_CHANNEL_BASE_URLS;
  const settings: AlertSettings = {};
  if (interval !== undefined) {
    const ms = Number(interval);
    if (!Number.isInteger(ms) || ms < 0) {
      throw new JunctionError(
        'JX_ALERT_SETTING_INVALID',
        `--alert-interval-ms must be a whole number of milliseconds, got ${interval}.`,
        { setting: 'alert-interval-ms', value: interval },
      );
    }
    settings.intervalMs = ms;
  }
  if (bases) {
    settings.channelBaseUrls = bases
      .split(',')
      .map((base) => base.trim())
      .filter(Boolean);
    for (const base of settings.channelBaseUrls) {
      if (!/^https?:\/\/[^/?#]+\//.test(base)) {
        throw new JunctionError(
          'JX_ALERT_SETTING_INVALID',
          `--alert-channel-base-url entries are URL prefixes with a path, like http://10.0.0.5:8080/robot/, got ${base}.`,
          { setting: 'alert-channel-base-url', value: base },
        );
      }
    }
  }
  return Object.keys(settings).length ? settings : undefined;
}
