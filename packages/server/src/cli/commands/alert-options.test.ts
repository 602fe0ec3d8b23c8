import { describe, expect, it } from 'vitest';
import { alertSettings } from './alert-options.ts';

describe('junction serve alert flags', () => {
  it('reads the interval and channel base URLs from flags, else the environment', () => {
    expect(alertSettings({}, {})).toBeUndefined();
    expect(alertSettings({ alertIntervalMs: '0' }, { JUNCTION_ALERT_INTERVAL_MS: '5000' })).toEqual({
      intervalMs: 0,
    });
    expect(
      alertSettings(
        {},
        { JUNCTION_ALERT_CHANNEL_BASE_URLS: 'http://10.0.0.5:8080/robot/, https://proxy.example/' },
      ),
    ).toEqual({ channelBaseUrls: ['http://10.0.0.5:8080/robot/', 'https://proxy.example/'] });
  });

  it.each([
    [{ alertIntervalMs: 'soon' }],
    [{ alertIntervalMs: '-5' }],
    [{ alertChannelBaseUrl: 'http://10.0.0.5:8080' }],
    [{ alertChannelBaseUrl: 'ftp://x/' }],
  ])('refuses %o with JX_ALERT_SETTING_INVALID', (flags) => {
    expect(() => alertSettings(flags, {})).toThrow(
      expect.objectContaining({ code: 'JX_ALERT_SETTING_INVALID' }),
    );
  });
});
