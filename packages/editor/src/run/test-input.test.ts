import { beforeEach, describe, expect, it } from 'vitest';
import { loadPinned, loadTestInput, pinOutput, saveTestInput } from './test-input.ts';

describe('test input and pinned outputs', () => {
  beforeEach(() => localStorage.clear());

  it('keeps a test payload per flow', () => {
    saveTestInput('a', { body: { sku: 'X' } });
    expect(loadTestInput('a')).toEqual({ body: { sku: 'X' } });
    expect(loadTestInput('b')).toBeUndefined();
    saveTestInput('a', undefined);
    expect(loadTestInput('a')).toBeUndefined();
  });

  it('pins and unpins node outputs', () => {
    pinOutput('a', 'fetch', { out: { status: 200 } });
    pinOutput('a', 'map', { out: 1 });
    pinOutput('a', 'map', undefined);
    expect(loadPinned('a')).toEqual({ fetch: { out: { status: 200 } } });
    localStorage.setItem('junction.pinned.b', 'not json');
    expect(loadPinned('b')).toEqual({});
  });
});
