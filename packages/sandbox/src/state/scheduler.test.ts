import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler } from './scheduler.ts';

describe('Scheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits out a delay longer than setTimeout can hold instead of firing at once', () => {
    vi.useFakeTimers();
    const scheduler = new Scheduler(1, (error) => {
      throw error;
    });
    const fired = vi.fn();
    scheduler.after(1e12, fired);
    vi.advanceTimersByTime(2 ** 31);
    expect(fired).not.toHaveBeenCalled();
    expect(scheduler.pending).toBe(1);
    vi.advanceTimersByTime(1e12);
    expect(fired).toHaveBeenCalledOnce();
    expect(scheduler.pending).toBe(0);
  });

  it('scales by the time factor and clears every step', () => {
    vi.useFakeTimers();
    const scheduler = new Scheduler(0.5, () => {});
    const fired = vi.fn();
    scheduler.after(100, fired);
    vi.advanceTimersByTime(49);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledOnce();
    scheduler.after(1e12, fired);
    scheduler.clear();
    vi.advanceTimersByTime(1e12);
    expect(fired).toHaveBeenCalledOnce();
  });
});
