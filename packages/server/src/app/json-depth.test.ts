import { describe, expect, it } from 'vitest';
import { assertJsonDepth } from './json-depth.ts';

describe('assertJsonDepth', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(() => assertJsonDepth(`${'['.repeat(3)}${']'.repeat(3)}`, 3)).not.toThrow();
    expect(() => assertJsonDepth(`{"a":{"b":{"c":[1]}}}`, 3)).toThrow(
      expect.objectContaining({ code: 'JX_JSON_TOO_DEEP' }),
    );
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(() => assertJsonDepth(JSON.stringify({ s: '[[[[{{{{"\\' }), 1)).not.toThrow();
  });

  it('counts depth, not the number of containers', () => {
    const wide = JSON.stringify(Array.from({ length: 1000 }, () => ({ a: [1] })));
    expect(() => assertJsonDepth(wide, 3)).not.toThrow();
  });
});
