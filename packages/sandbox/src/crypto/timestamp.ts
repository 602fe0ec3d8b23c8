const UTC8_OFFSET_MS = 8 * 60 * 60 * 1000;
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Formats a date as the gateway's `yyyy-MM-dd HH:mm:ss` in UTC+8 (China Standard Time, no DST). */
export function formatTimestamp(date: Date = new Date()): string {
  const shifted = new Date(date.getTime() + UTC8_OFFSET_MS);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())} ` +
    `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
  );
}

/** Parses a `yyyy-MM-dd HH:mm:ss` UTC+8 timestamp into epoch milliseconds, or `undefined` if malformed. */
export function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  // Date.UTC rolls 2024-02-31 over into March; a supplier would refuse such a timestamp.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return utc - UTC8_OFFSET_MS;
}
