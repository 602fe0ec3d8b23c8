import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { checkScheduleConfig, nextScheduleTimes } from './next-schedule-times.ts';
import { scheduleTrigger } from './v1.ts';

describe('nextScheduleTimes', () => {
  it('plans every 10 minutes with a seconds field', () => {
    const times = nextScheduleTimes({ cron: '0 */10 * * * *' }, Date.parse('2024-01-01T00:03:00Z'), 3);
    expect(times.map((t) => t.toISOString())).toEqual([
      '2024-01-01T00:10:00.000Z',
      '2024-01-01T00:20:00.000Z',
      '2024-01-01T00:30:00.000Z',
    ]);
  });

  it('reads the pattern in the given time zone', () => {
    const times = nextScheduleTimes(
      { cron: '0 0 9 * * *', timezone: 'Asia/Shanghai' },
      new Date('2024-01-01T00:03:00Z'),
      2,
    );
    expect(times.map((t) => t.toISOString())).toEqual([
      '2024-01-01T01:00:00.000Z',
      '2024-01-02T01:00:00.000Z',
    ]);
  });

  it('rejects a bad pattern or time zone with a coded error naming the field', () => {
    expect(() => checkScheduleConfig({ cron: 'every minute' })).toThrow(
      expect.objectContaining({ code: 'JX_CONFIG_INVALID', details: { field: 'cron' } }),
    );
    expect(() => checkScheduleConfig({ cron: '0 * * * * *', timezone: 'Mars/Olympus' })).toThrow(
      expect.objectContaining({ code: 'JX_CONFIG_INVALID', details: { field: 'timezone' } }),
    );
    expect(() => checkScheduleConfig({ cron: '' })).toThrow(/cron pattern is required/);
  });
});

describe('trigger.schedule', () => {
  it('emits the scheduled time, time zone and payload', async () => {
    const { ctx } = createTestContext({
      config: { cron: '0 */10 * * * *', timezone: 'Asia/Shanghai', payload: { sync: 'products' } },
      input: { scheduledAt: '2024-01-01T00:10:00.000Z' },
    });
    expect(await scheduleTrigger.run(ctx)).toEqual({
      out: {
        scheduledAt: '2024-01-01T00:10:00.000Z',
        timezone: 'Asia/Shanghai',
        payload: { sync: 'products' },
      },
    });
  });

  it('uses the engine clock when started without a payload', async () => {
    const { ctx } = createTestContext({
      config: { cron: '0 0 * * * *' },
      now: () => Date.parse('2024-05-05T05:00:00Z'),
    });
    expect(await scheduleTrigger.run(ctx)).toEqual({
      out: { scheduledAt: '2024-05-05T05:00:00.000Z', timezone: 'UTC', payload: null },
    });
  });
});
