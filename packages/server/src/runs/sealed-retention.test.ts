import { describe, expect, it } from 'vitest';
import { parseRetention } from './sealed-retention.ts';

describe('--sealed-retention', () => {
  it('reads durations in days, hours, minutes, seconds and milliseconds', () => {
    expect(parseRetention('30d')).toBe(30 * 86_400_000);
    expect(parseRetention('12h')).toBe(12 * 3_600_000);
    expect(parseRetention('90m')).toBe(90 * 60_000);
    expect(parseRetention('1500')).toBe(1500);
  });

  it('refuses what is not a duration, with its code', () => {
    for (const bad of ['', '0d', '-1d', '3 weeks', '1y']) {
      expect(() => parseRetention(bad)).toThrow(
        expect.objectContaining({ code: 'JX_SEALED_RETENTION_INVALID' }),
      );
    }
  });
});
