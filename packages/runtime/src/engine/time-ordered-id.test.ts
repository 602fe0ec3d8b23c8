import { describe, expect, it } from 'vitest';
import { newRunId, timeOrderedId } from '../index.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function millisecondsOf(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}

describe('timeOrderedId', () => {
  it('is a UUIDv7 carrying the given millisecond', () => {
    const now = Date.UTC(2031, 4, 6, 7, 8, 9, 123);
    const id = timeOrderedId(now);
    expect(id).toMatch(UUID_V7);
    expect(millisecondsOf(id)).toBe(now);
  });

  it('strictly increases within one millisecond, past the 12-bit counter, and as strings', () => {
    const now = Date.UTC(2032, 0, 1);
    const ids = Array.from({ length: 10_000 }, () => timeOrderedId(now));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // 10,000 ids cannot fit one millisecond's counter: the timestamp borrowed the next ones.
    expect(millisecondsOf(ids.at(-1)!)).toBeGreaterThan(now);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('never goes back when the clock does', () => {
    const later = timeOrderedId(Date.UTC(2033, 0, 1));
    const earlier = timeOrderedId(Date.UTC(2020, 0, 1));
    expect(earlier > later).toBe(true);
  });
});

describe('newRunId', () => {
  it('is run_ plus a time-ordered id, increasing from one call to the next', () => {
    const first = newRunId();
    const second = newRunId();
    expect(first).toMatch(/^run_[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(second > first).toBe(true);
  });
});
