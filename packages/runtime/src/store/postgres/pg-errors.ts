import { storeUnavailableError } from '../store-errors.ts';

// SQLSTATE classes and codes that mean "the server is gone or not ready", not "the statement is wrong":
// 08 connection exception, 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now
// (starting up), 53300 too many connections.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_TEXT =
  /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|Client was closed|terminating connection/i;

/** Whether a `pg` error means the database cannot be reached (as opposed to a failing statement). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_STATES.has(code))) return true;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  const errors = (error as { errors?: unknown }).errors; // AggregateError from a dual-stack connect
  if (Array.isArray(errors) && errors.some(isConnectionError)) return true;
  return UNAVAILABLE_TEXT.test(error.message);
}

/** Rethrows a connection error as `JX_STORE_UNAVAILABLE`; anything else unchanged. */
export function toStoreError(error: unknown): unknown {
  return isConnectionError(error) ? storeUnavailableError(error) : error;
}
