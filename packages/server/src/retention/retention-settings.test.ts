import { describe, expect, it } from 'vitest';
import { effectiveRetention } from './retention-policies.ts';
import { DEFAULT_RETENTION, retentionSettingsFrom } from './retention-settings.ts';

describe('retention settings', () => {
  it('defaults to 30 days succeeded, 90 failed, no cap, 30 days of callbacks, hourly', () => {
    expect(retentionSettingsFrom({}, {})).toEqual({
      succeededDays: 30,
      failedDays: 90,
      maxRuns: null,
      callbackDays: 30,
      intervalMs: 3_600_000,
    });
  });

  it('reads flags over environment variables, and off', () => {
    const env = { JUNCTION_RETENTION_SUCCEEDED_DAYS: '7', JUNCTION_RETENTION_MAX_RUNS: '500' };
    expect(
      retentionSettingsFrom(
        { retentionSucceededDays: '3', retentionFailedDays: 'off', retentionInterval: '15m' },
        env,
      ),
    ).toEqual({ succeededDays: 3, failedDays: null, maxRuns: 500, callbackDays: 30, intervalMs: 900_000 });
    expect(retentionSettingsFrom({ retentionInterval: 'off' }, {}).intervalMs).toBe(0);
  });

  it.each([
    [{ retentionSucceededDays: '0' }, '--retention-succeeded-days'],
    [{ retentionMaxRuns: '1.5' }, '--retention-max-runs'],
    [{ retentionCallbackDays: 'forever' }, '--retention-callback-days'],
    [{ retentionInterval: '10ms' }, '--retention-interval'],
    [{ retentionInterval: 'hourly' }, '--retention-interval'],
  ])('refuses %o with JX_RETENTION_SETTING_INVALID', (flags, flag) => {
    expect(() => retentionSettingsFrom(flags, {})).toThrow(
      expect.objectContaining({
        code: 'JX_RETENTION_SETTING_INVALID',
        details: expect.objectContaining({ flag }),
      }),
    );
  });

  it('lays a flow’s policy over the defaults: left out follows them, null keeps forever', () => {
    expect(effectiveRetention(DEFAULT_RETENTION, { failedDays: null, maxRuns: 10 })).toEqual({
      succeededDays: 30,
      failedDays: null,
      maxRuns: 10,
    });
    expect(effectiveRetention(DEFAULT_RETENTION, undefined)).toEqual({
      succeededDays: 30,
      failedDays: 90,
      maxRuns: null,
    });
  });
});
