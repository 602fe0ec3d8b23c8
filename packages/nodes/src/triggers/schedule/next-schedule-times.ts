import { Cron } from 'croner';
import { configInvalid } from '../../control/support/node-errors.ts';

/** The parts of a `trigger.schedule` config that decide when it fires. */
export interface ScheduleTiming {
  /** Cron pattern; six fields (`sec min hour day month weekday`) or the classic five. */
  cron: string;
  /** IANA time zone, e.g. `Asia/Shanghai`. Default `UTC`. */
  timezone?: string;
}

function checkTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw configInvalid(
      'timezone',
      `"${timezone}" is not an IANA time zone (e.g. Europe/Berlin, Asia/Shanghai).`,
    );
  }
}

/** A paused croner job for the timing; throws `JX_CONFIG_INVALID` naming the bad field. */
function cronOf(timing: ScheduleTiming): Cron {
  const timezone = timing.timezone ?? 'UTC';
  checkTimezone(timezone);
  if (typeof timing.cron !== 'string' || timing.cron.trim() === '') {
    throw configInvalid('cron', 'a cron pattern is required, e.g. "0 */10 * * * *" for every 10 minutes.');
  }
  try {
    return new Cron(timing.cron.trim(), { timezone, paused: true });
  } catch (error) {
    throw configInvalid(
      'cron',
      `"${timing.cron}" is not a valid cron pattern (${(error as Error).message}). ` +
        'Use six fields "sec min hour day month weekday", e.g. "0 */10 * * * *".',
    );
  }
}

/** Throws `JX_CONFIG_INVALID` unless the cron pattern and time zone are valid (for deploy-time checks). */
export function checkScheduleConfig(timing: ScheduleTiming): void {
  cronOf(timing);
}

/**
 * The next `count` times (after `from`, exclusive) a schedule fires. The server uses it to plan the
 * next run and the editor to preview a pattern. An empty array means the pattern never fires again.
 */
export function nextScheduleTimes(timing: ScheduleTiming, from: Date | number, count: number): Date[] {
  const cron = cronOf(timing);
  return cron.nextRuns(count, new Date(from));
}
