import { describe, expect, it } from 'vitest';
import { orderFlowBytes } from '../../test/support/fixtures.ts';
import { parseDocument, serializeDocument } from './serialize.ts';

describe('serializeDocument', () => {
  it('exports bytes that re-import to the very same bytes', () => {
    const exported = serializeDocument(parseDocument(orderFlowBytes()));
    expect(serializeDocument(parseDocument(exported))).toBe(exported);
    expect(exported.endsWith('}\n')).toBe(true);
  });

  it('orders fields the same way whatever order they were built in', () => {
    const a = parseDocument(orderFlowBytes());
    const reversed = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).reverse()) as T;
    const b = reversed({ ...a, nodes: a.nodes.map(reversed) });
    expect(Object.keys(b)[0]).not.toBe('schemaVersion');
    expect(serializeDocument(b)).toBe(serializeDocument(a));
    expect(serializeDocument(a).indexOf('"schemaVersion"')).toBeLessThan(
      serializeDocument(a).indexOf('"nodes"'),
    );
  });

  it('keeps unknown fields such as annotations', () => {
    expect(serializeDocument(parseDocument(orderFlowBytes()))).toContain('"keep": true');
  });

  it('refuses files that are not flows with a clear code', () => {
    expect(() => parseDocument('not json')).toThrow(
      expect.objectContaining({ code: 'JX_EDITOR_IMPORT_INVALID' }),
    );
    expect(() => parseDocument('{"schemaVersion":2}')).toThrow(/schemaVersion 2/);
    expect(() => parseDocument('[]')).toThrow(/JSON object/);
  });
});
