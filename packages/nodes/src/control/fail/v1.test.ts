import { JunctionError } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type FailConfig, failNode, userErrorCode } from './v1.ts';

function fail(config: FailConfig): unknown {
  const { ctx } = createTestContext({ config });
  try {
    failNode.run(ctx);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('flow.fail', () => {
  it('throws the user code under JX_USER_ with the message and details', () => {
    const error = fail({ code: 'REFUND_REQUIRED', message: 'Refund order A-1.', details: { order: 'A-1' } });
    expect(error).toBeInstanceOf(JunctionError);
    expect((error as JunctionError).toJSON()).toEqual({
      code: 'JX_USER_REFUND_REQUIRED',
      message: 'Refund order A-1.',
      details: { userCode: 'REFUND_REQUIRED', nodeId: 'node-test', data: { order: 'A-1' } },
    });
  });

  it('does not double the prefix and refuses codes that are not upper-case words', () => {
    expect(userErrorCode('JX_USER_OUT_OF_STOCK')).toBe('JX_USER_OUT_OF_STOCK');
    expect(fail({ code: 'refund me', message: 'x' })).toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'code' },
    });
  });
});
