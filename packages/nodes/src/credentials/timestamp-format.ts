/** How a signature scheme writes its timestamp. */
export type TimestampFormat = 'unix-seconds' | 'unix-ms' | 'datetime' | 'iso';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * Formats `epochMs`. `datetime` is `yyyy-MM-dd HH:mm:ss` in the zone `utcOffsetMinutes` east of UTC
 * (480 = UTC+8, what most card platforms expect), computed without the host's time zone.
 */
export function formatTimestamp(epochMs: number, format: TimestampFormat, utcOffsetMinutes = 0): string {
  switch (format) {
    case 'unix-seconds':
      return String(Math.floor(epochMs / 1000));
    case 'unix-ms':
      return String(Math.floor(epochMs));
    case 'iso':
      return new Date(epochMs).toISOString();
    case 'datetime': {
      const d = new Date(epochMs + utcOffsetMinutes * 60_000);
      return (
        `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
        `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
      );
    }
  }
}

/** Parses a timestamp written by {@link formatTimestamp}; NaN when it cannot be read. */
export function parseTimestamp(value: string, format: TimestampFormat, utcOffsetMinutes = 0): number {
  switch (format) {
    case 'unix-seconds':
      return /^\d+$/.test(value) ? Number(value) * 1000 : Number.NaN;
    case 'unix-ms':
      return /^\d+$/.test(value) ? Number(value) : Number.NaN;
    case 'iso':
      return Date.parse(value);
    case 'datetime': {
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
      if (!m) return Number.NaN;
      const [, y, mo, d, h, mi, s] = m.map(Number) as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      return Date.UTC(y, mo - 1, d, h, mi, s) - utcOffsetMinutes * 60_000;
    }
  }
}
