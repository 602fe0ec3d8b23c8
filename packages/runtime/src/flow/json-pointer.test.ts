import { describe, expect, it } from 'vitest';
import { joinPointer, parsePointer, toPointer, valueAtPointer } from '../index.ts';

describe('JSON pointers', () => {
  it('escapes ~ and / and round-trips', () => {
    const path = ['body', 'a/b', 'c~d', 0];
    const pointer = toPointer(path);
    expect(pointer).toBe('/body/a~1b/c~0d/0');
    expect(parsePointer(pointer)).toEqual(['body', 'a/b', 'c~d', '0']);
    expect(joinPointer('/nodes/1', 'config', 'x/y')).toBe('/nodes/1/config/x~1y');
    expect(parsePointer('')).toEqual([]);
  });

  it('reads values and never walks into inherited properties', () => {
    const doc = { body: { 'a/b': [10, { x: null }] } };
    expect(valueAtPointer(doc, '/body/a~1b/1/x')).toBeNull();
    expect(valueAtPointer(doc, '/body/a~1b/0')).toBe(10);
    expect(valueAtPointer(doc, '')).toBe(doc);
    expect(valueAtPointer(doc, '/body/missing/deeper')).toBeUndefined();
    expect(valueAtPointer(doc, '/body/constructor')).toBeUndefined();
  });
});
