import { JunctionError } from '@junction/runtime';

/**
 * Supplier error code → stable Junction code. The one table to edit when a supplier's catalogue changes;
 * codes follow the sandbox's catalogue (packages/sandbox/src/gateway/gateway-errors.ts), which mirrors
 * the real platforms. `retryable` says whether retrying the same call can help.
 */
export const SUPPLIER_ERROR_TABLE: Record<number, { code: string; retryable: boolean }> = {
  1000: { code: 'JX_SUPPLIER_INVALID_REQUEST', retryable: false },
  1001: { code: 'JX_SUPPLIER_INVALID_REQUEST', retryable: false },
  1002: { code: 'JX_SUPPLIER_INVALID_REQUEST', retryable: false },
  1003: { code: 'JX_SUPPLIER_BAD_CREDENTIALS', retryable: false },
  1004: { code: 'JX_SUPPLIER_BAD_SIGNATURE', retryable: false },
  1005: { code: 'JX_SUPPLIER_TIMESTAMP_EXPIRED', retryable: true },
  1006: { code: 'JX_SUPPLIER_INVALID_REQUEST', retryable: false },
  1007: { code: 'JX_SUPPLIER_RATE_LIMITED', retryable: true },
  2001: { code: 'JX_SUPPLIER_PRODUCT_NOT_FOUND', retryable: false },
  2002: { code: 'JX_SUPPLIER_OFF_SHELF', retryable: false },
  2003: { code: 'JX_SUPPLIER_OUT_OF_STOCK', retryable: false },
  2004: { code: 'JX_SUPPLIER_INVALID_REQUEST', retryable: false },
  3001: { code: 'JX_SUPPLIER_INSUFFICIENT_BALANCE', retryable: false },
  3002: { code: 'JX_SUPPLIER_DUPLICATE_ORDER', retryable: false },
  3003: { code: 'JX_SUPPLIER_ORDER_NOT_FOUND', retryable: false },
  5000: { code: 'JX_SUPPLIER_UNAVAILABLE', retryable: true },
};

/** A supplier refusal as a coded error; the supplier's own code and message travel in `details`. */
export function supplierError(supplierCode: number, supplierMessage: string, method: string): JunctionError {
  const entry = SUPPLIER_ERROR_TABLE[supplierCode] ?? { code: 'JX_SUPPLIER_UNKNOWN', retryable: false };
  return new JunctionError(
    entry.code,
    `The supplier refused ${method} with code ${supplierCode}: ${supplierMessage}`,
    { supplierCode, supplierMessage, method, retryable: entry.retryable },
  );
}
