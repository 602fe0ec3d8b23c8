import { describe, expect, it } from 'vitest';
import { orderFlow, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { serializeDocument } from '../document/serialize.ts';
import { hasOverlappingNodes } from '../layout/overlap.ts';
import { importBytes } from './flow-actions.ts';

describe('importBytes', () => {
  it('lays out a document whose nodes share one position, in the same undo step', async () => {
    const store = storeWithCatalogue();
    const before = store.getState().document;
    const flow = orderFlow();
    const stacked = { ...flow, nodes: flow.nodes.map((n) => ({ ...n, position: { x: 40, y: 40 } })) };
    expect(await importBytes(store, serializeDocument(stacked))).toBe(true);
    const imported = store.getState().document;
    expect(hasOverlappingNodes(imported)).toBe(false);
    expect(imported.edges).toEqual(stacked.edges);
    expect(store.getState().notice?.message).toContain('laid out automatically');
    store.getState().undo();
    expect(store.getState().document).toBe(before);
  });

  it('keeps the positions of a laid-out document byte for byte', async () => {
    const store = storeWithCatalogue();
    const bytes = serializeDocument(orderFlow());
    expect(await importBytes(store, bytes)).toBe(true);
    expect(serializeDocument(store.getState().document)).toBe(bytes);
  });
});
