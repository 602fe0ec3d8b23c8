import { describe, expect, it } from 'vitest';
import type { NodeOutputs } from '../node/node-result.ts';
import { checkOutputs } from './output-cap.ts';

describe('checkOutputs', () => {
  it('drops undefined ports (dead) and keeps the rest as is', () => {
    const outputs = { out: 1, error: undefined } as unknown as NodeOutputs;
    expect(checkOutputs('n', outputs, 100)).toEqual({ out: 1 });
    const clean = { out: 'x' };
    expect(checkOutputs('n', clean, 100)).toBe(clean);
  });

  it('counts UTF-8 bytes, not characters, against the cap', () => {
    const text = 'é'.repeat(40); // 80 bytes, 40 characters
    expect(() => checkOutputs('n', { out: text }, 60)).toThrow(
      expect.objectContaining({ code: 'JX_OUTPUT_TOO_LARGE' }),
    );
    expect(checkOutputs('n', { out: text }, 200)).toEqual({ out: text });
  });

  it('refuses a result that is not outputs by port', () => {
    for (const bad of [null, 'text', [1]]) {
      expect(() => checkOutputs('n', bad as unknown as NodeOutputs, 100)).toThrow(
        expect.objectContaining({ code: 'JX_NODE_BAD_RESULT' }),
      );
    }
  });
});
