import { describe, expect, it } from 'vitest';
import { orderFlow, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createCommands } from '../store/commands.ts';
import { copySelection, parseClipboard, pasteOperations } from './clipboard.ts';
import { applyOperations } from './operations.ts';

describe('clipboard', () => {
  it('copies only the edges inside the selection', () => {
    const payload = copySelection(orderFlow(), ['fetchProduct', 'inStock']);
    expect(payload.nodes.map((n) => n.id)).toEqual(['fetchProduct', 'inStock']);
    expect(payload.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('pastes fresh copies with new ids, shifted positions and rewired references', () => {
    const document = orderFlow();
    const payload = parseClipboard(JSON.stringify(copySelection(document, ['webhook', 'fetchProduct'])))!;
    const { ops, nodeIds } = pasteOperations(document, payload, { x: 40, y: 40 });
    const next = applyOperations(document, ops).document;
    expect(nodeIds).toEqual(['webhook2', 'fetchProduct2']);
    const copy = next.nodes.find((n) => n.id === 'fetchProduct2')!;
    expect(copy.position).toEqual({ x: 340, y: 40 });
    expect(copy.config.url).toBe('="https://example.test/goods/" & $nodes.webhook2.out.body.sku');
    expect(next.edges.at(-1)).toMatchObject({
      source: { node: 'webhook2' },
      target: { node: 'fetchProduct2' },
    });
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(next.edges.length);
  });

  it('ignores clipboard text that is not a Junction payload', () => {
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('{"format":"other"}')).toBeUndefined();
  });

  it('duplicates a selection as one undoable step', () => {
    const store = storeWithCatalogue(orderFlow());
    store.getState().select({ nodes: ['fetchProduct', 'inStock'] });
    createCommands(store).duplicate();
    expect(store.getState().document.nodes).toHaveLength(5);
    expect(store.getState().selection.nodes).toEqual(['fetchProduct2', 'inStock2']);
    store.getState().undo();
    expect(store.getState().document.nodes).toHaveLength(3);
  });
});
