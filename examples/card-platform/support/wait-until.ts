import { setTimeout as sleep } from 'node:timers/promises';
import { JunctionError } from '@junction/runtime';

/** Polls `probe` every 25 ms until it returns a value other than undefined; fails after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new JunctionError(
        'JX_EXAMPLES_WAIT_TIMEOUT',
        `Gave up after ${timeoutMs} ms waiting for ${what}.`,
        {
          timeoutMs,
        },
      );
    }
    await sleep(25);
  }
}
