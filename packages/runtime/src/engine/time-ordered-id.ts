import { randomFillSync } from 'node:crypto';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Random bytes per id: 2 to seed the counter, 8 for `rand_b` (6 bits of which the variant takes). */
const BYTES_PER_ID = 10;
/** Random bytes are drawn in blocks: one `randomFillSync` per 512 ids instead of one per id. */
const pool = Buffer.alloc(512 * BYTES_PER_ID);
let poolAt = pool.length;
let lastMs = -1;
let counter = 0;

function takeRandom(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += BYTES_PER_ID;
  return at;
}

/**
 * A UUIDv7 (RFC 9562), monotonic within this process: 48 bits of Unix milliseconds, a 12-bit
 * counter (`rand_a`, RFC 9562 §6.2 method 1), then 62 random bits. Run ids are primary keys:
 * random (v4) keys scatter SQLite and PostgreSQL B-tree inserts over the whole index, time-ordered
 * ones append near its end (measured in the store alone: 226–262 → 130–144 µs per run).
 *
 * 1. The millisecond never goes back: a clock that jumps backwards keeps the last one.
 * 2. In the same millisecond the counter goes up; a new millisecond starts it at a random value
 *    below 2048, leaving at least 2048 ids of headroom. When it runs out, the timestamp borrows the
 *    next millisecond, so ids stay strictly increasing (as strings too: fixed-width lower-case hex).
 */
export function timeOrderedId(now: number = Date.now()): string {
  const at = takeRandom();
  let ms = Math.max(Math.floor(now), lastMs);
  if (ms === lastMs && counter < 0xfff) {
    counter++;
  } else {
    if (ms === lastMs) ms++;
    counter = ((pool[at]! << 8) | pool[at + 1]!) & 0x7ff;
  }
  lastMs = ms;
  let hex = '';
  // 48-bit timestamp, big-endian; 32-bit bitwise operators would truncate it.
  for (let shift = 40; shift >= 0; shift -= 8) hex += HEX[Math.floor(ms / 2 ** shift) % 256];
  hex += HEX[0x70 | (counter >> 8)]! + HEX[counter & 0xff]!;
  hex += HEX[0x80 | (pool[at + 2]! & 0x3f)]!;
  for (let i = 3; i < BYTES_PER_ID; i++) hex += HEX[pool[at + i]!];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
