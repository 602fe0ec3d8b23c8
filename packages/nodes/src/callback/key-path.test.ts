import { describe, expect, it } from 'vitest';
import { readKeyPath } from './key-path.ts';

describe('readKeyPath (what the callback ingress matches waits by)', () => {
  it('reads a JSON pointer, unescaping ~1 and ~0', () => {
    expect(readKeyPath({ 'a/b': { 'c~d': 'k-1' } }, '/a~1b/c~0d')).toBe('k-1');
  });

  it('descends into a string holding a JSON object, as suppliers nest biz_content', () => {
    const body = { biz_content: JSON.stringify({ customer_order_no: 'A-1' }) };
    expect(readKeyPath(body, 'biz_content.customer_order_no')).toBe('A-1');
    expect(readKeyPath({ biz_content: '{not json' }, 'biz_content.customer_order_no')).toBeUndefined();
  });

  it('accepts a leading "=" on a dotted path and refuses non-scalar or non-finite keys', () => {
    expect(readKeyPath({ order: { no: 7 } }, '=order.no')).toBe('7');
    expect(readKeyPath({ ok: true }, 'ok')).toBeUndefined();
    expect(readKeyPath({ list: ['x'] }, 'list.0')).toBeUndefined();
  });
});
