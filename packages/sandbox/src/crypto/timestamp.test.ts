import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from '../index.ts';

describe('timestamps', () => {
  it('formats in UTC+8', () => {
    expect(formatTimestamp(new Date('2019-10-22T12:17:57Z'))).toBe('2019-10-22 20:17:57');
    expect(formatTimestamp(new Date('2019-12-31T20:00:00Z'))).toBe('2020-01-01 04:00:00');
  });

  it('parses what it formats', () => {
    const now = new Date('2024-02-29T23:59:59Z');
    expect(parseTimestamp(formatTimestamp(now))).toBe(now.getTime());
  });

  it('rejects malformed and impossible dates', () => {
    expect(parseTimestamp('2024-02-30 10:00:00')).toBeUndefined();
    expect(parseTimestamp('2024-01-01T10:00:00')).toBeUndefined();
    expect(parseTimestamp('2024-01-01 24:00:00')).toBeUndefined();
    expect(parseTimestamp('')).toBeUndefined();
  });
});
