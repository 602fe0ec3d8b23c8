import { describe, expect, it } from 'vitest';
import { inputInvalid } from './node-errors.ts';

describe('inputInvalid', () => {
  it('names the field and the type it got, never the value, and is not retryable', () => {
    const error = inputInvalid('items', 'an array', 'secret-value');
    expect(error.code).toBe('JX_INPUT_INVALID');
    expect(error.message).toBe('items must be an array, got string.');
    expect(error.details).toEqual({ field: 'items', expected: 'an array', got: 'string', retryable: false });
    expect(JSON.stringify(error.toJSON())).not.toContain('secret-value');
  });
});
