import { createHash } from 'node:crypto';
import type { ResolvedCredential } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { signRequest } from './sign-request.ts';
import { formatTimestamp, parseTimestamp, type TimestampFormat } from './timestamp-format.ts';
import { verifyIncoming } from './verify-incoming.ts';

// 2024-01-02T03:04:05.678Z: a millisecond part, so unix-ms and iso differ from whole seconds.
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

const signature = (timestampFormat: TimestampFormat): ResolvedCredential => ({
  id: `sig-${timestampFormat}`,
  kind: 'signature',
  data: { secret: 'S', timestampField: 'ts', timestampFormat, toleranceSeconds: 60 },
  allowedHosts: ['*'],
});

describe('formatTimestamp / parseTimestamp', () => {
  it('writes and reads unix milliseconds', async () => {
    expect(formatTimestamp(NOW, 'unix-ms')).toBe('1704164645678');
    expect(formatTimestamp(NOW + 0.9, 'unix-ms')).toBe('1704164645678');
    expect(parseTimestamp('1704164645678', 'unix-ms')).toBe(NOW);
    for (const bad of ['', '1704164645.678', '-1', '17041646x5678'])
      expect(parseTimestamp(bad, 'unix-ms')).toBeNaN();
  });

  it('writes ISO 8601 in UTC with milliseconds and reads any offset', async () => {
    expect(formatTimestamp(NOW, 'iso')).toBe('2024-01-02T03:04:05.678Z');
    expect(formatTimestamp(NOW, 'iso', 480)).toBe('2024-01-02T03:04:05.678Z');
    expect(parseTimestamp('2024-01-02T03:04:05.678Z', 'iso')).toBe(NOW);
    expect(parseTimestamp('2024-01-02T11:04:05.678+08:00', 'iso')).toBe(NOW);
    expect(parseTimestamp('yesterday', 'iso')).toBeNaN();
  });
});

describe('signature credentials with unix-ms and iso timestamps', () => {
  it.each([
    ['unix-ms', '1704164645678'],
    ['iso', '2024-01-02T03:04:05.678Z'],
  ] as const)(
    '%s: signs the generated timestamp and verifies it within the window',
    async (format, written) => {
      const credential = signature(format);
      const wire = await signRequest(
        credential,
        { method: 'POST', url: 'http://x.test/notify', body: { type: 'json', value: { a: '1' } } },
        { now: () => NOW },
      );
      const body = JSON.parse(wire.body as string) as Record<string, string>;
      expect(body.ts).toBe(written);
      expect(body.sign).toBe(md5(`a=1&ts=${written}S`));
      const at = (ms: number) => ({ now: () => ms });
      expect(await verifyIncoming(credential, { body }, at(NOW + 59_000))).toEqual({ ok: true });
      expect(await verifyIncoming(credential, { body }, at(NOW - 59_000))).toEqual({ ok: true });
      expect(await verifyIncoming(credential, { body }, at(NOW + 61_000))).toMatchObject({
        code: 'JX_SIGNATURE_EXPIRED',
      });
    },
  );

  it('refuses a timestamp written in another format than the credential names', async () => {
    const body = { a: '1', ts: '1704164645' };
    const signed = { ...body, sign: md5(`a=1&ts=${body.ts}S`) };
    // Seconds read as milliseconds are 1970: far outside the window, never silently accepted.
    expect(await verifyIncoming(signature('unix-ms'), { body: signed }, { now: () => NOW })).toMatchObject({
      code: 'JX_SIGNATURE_EXPIRED',
    });
    expect(await verifyIncoming(signature('iso'), { body: signed }, { now: () => NOW })).toMatchObject({
      ok: false,
    });
  });
});
