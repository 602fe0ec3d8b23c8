import { describe, expect, it } from 'vitest';
import { runErrorStatus } from './run-error-status.ts';

describe('runErrorStatus', () => {
  it('answers 422 for input and validation failures', () => {
    expect(runErrorStatus('JX_INPUT_INVALID')).toBe(422);
    expect(runErrorStatus('JX_INPUT_REQUIRED')).toBe(422);
    expect(runErrorStatus('JX_OUTPUT_TOO_LARGE')).toBe(422);
  });

  it('answers 502 for supplier refusals, whatever their suffix says', () => {
    expect(runErrorStatus('JX_SUPPLIER_PRODUCT_NOT_FOUND')).toBe(502);
    expect(runErrorStatus('JX_SUPPLIER_INVALID_REQUEST')).toBe(502);
  });

  it("uses the flow's status for flow.fail codes, 422 without one", () => {
    expect(runErrorStatus('JX_USER_OUT_OF_STOCK', { data: { status: 409 } })).toBe(409);
    expect(runErrorStatus('JX_USER_OUT_OF_STOCK', { data: { status: 200 } })).toBe(422);
    expect(runErrorStatus('JX_USER_OUT_OF_STOCK')).toBe(422);
  });

  it('keeps 500 for faults of the flow or the server', () => {
    expect(runErrorStatus('JX_CREDENTIAL_HOST_FORBIDDEN')).toBe(500);
    expect(runErrorStatus('JX_NODE_TIMEOUT')).toBe(500);
  });
});
