import { describe, expect, it } from 'vitest';
import { orderFlow, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { serializeDocument } from '../document/serialize.ts';
import { createCommands } from './commands.ts';
import { createEditorStore, emptyDocument } from './editor-store.ts';

describe('editor store', () => {
  it('adds a node with the type defaults and a readable id', () => {
    const store = storeWithCatalogue();
    const commands = createCommands(store);
    const id = commands.addNode('http.request', { x: 10.4, y: 20.6 });
    expect(id).toBe('httpRequest');
    const node = store.getState().document.nodes[0]!;
    expect(node).toMatchObject({ type: 'http.request', typeVersion: 1, position: { x: 10, y: 21 } });
    expect(node.config).toEqual({ method: 'GET', headers: {}, timeoutMs: 10000, followRedirects: true });
    expect(store.getState().selection.nodes).toEqual(['httpRequest']);
    expect(commands.addNode('http.request', { x: 0, y: 0 })).toBe('httpRequest2');
  });

  it('refuses an unknown node type with a notice instead of throwing', () => {
    const store = storeWithCatalogue();
    expect(createCommands(store).addNode('nope.node', { x: 0, y: 0 })).toBeUndefined();
    expect(store.getState().notice).toMatchObject({ kind: 'error', code: 'JX_NODE_TYPE_UNKNOWN' });
  });

  it('undoes and redoes every kind of edit back to the same bytes', () => {
    const store = storeWithCatalogue(orderFlow());
    const commands = createCommands(store);
    const snapshots = [serializeDocument(store.getState().document)];
    const step = (edit: () => void) => {
      edit();
      snapshots.push(serializeDocument(store.getState().document));
    };
    step(() => commands.addNode('transform.map', { x: 900, y: 0 }));
    step(() => commands.connect({ node: 'inStock', port: 'true' }, { node: 'map', port: 'in' }));
    step(() =>
      store.getState().dispatch([{ kind: 'moveNodes', positions: { webhook: { x: -50, y: 30 } } }], 'Move'),
    );
    step(() => commands.updateNode('fetchProduct', { name: undefined, timeoutMs: 5000 }));
    step(() =>
      store
        .getState()
        .dispatch([{ kind: 'updateFlow', patch: { description: undefined, name: 'Orders' } }], 'Rename'),
    );
    step(() => commands.addNote({ x: 1, y: 2 }));
    step(() => {
      store.getState().select({ nodes: ['fetchProduct'], edges: [], notes: [] });
      commands.deleteSelection();
    });
    expect(store.getState().document.edges.map((e) => e.id)).toEqual(['e3']);
    for (let i = snapshots.length - 2; i >= 0; i--) {
      store.getState().undo();
      expect(serializeDocument(store.getState().document)).toBe(snapshots[i]);
    }
    for (let i = 1; i < snapshots.length; i++) {
      store.getState().redo();
      expect(serializeDocument(store.getState().document)).toBe(snapshots[i]);
    }
  });

  it('merges a burst of typing in one field into one undo step', () => {
    let clock = 0;
    const store = createEditorStore({ document: orderFlow(), now: () => (clock += 100) });
    const commands = createCommands(store);
    for (const url of ['h', 'ht', 'htt', 'http']) {
      commands.updateNode('fetchProduct', { config: { url } }, 'Edit URL', 'fetchProduct/config/url');
    }
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().document.nodes[1]!.config.url).toBe(orderFlow().nodes[1]!.config.url);
    store.getState().redo();
    expect(store.getState().document.nodes[1]!.config.url).toBe('http');
  });

  it('clears the redo stack on a new edit and drops deleted ids from the selection', () => {
    const store = storeWithCatalogue(orderFlow());
    const commands = createCommands(store);
    commands.addNode('flow.if', { x: 0, y: 0 });
    store.getState().undo();
    expect(store.getState().selection.nodes).toEqual([]);
    commands.addNode('transform.map', { x: 0, y: 0 });
    store.getState().redo();
    expect(store.getState().document.nodes.map((n) => n.id)).toEqual([
      'webhook',
      'fetchProduct',
      'inStock',
      'map',
    ]);
  });

  it('refuses a cycle and explains why', () => {
    const store = storeWithCatalogue(orderFlow());
    const added = createCommands(store).connect(
      { node: 'inStock', port: 'true' },
      { node: 'fetchProduct', port: 'in' },
    );
    expect(added).toBe(false);
    expect(store.getState().notice?.code).toBe('JX_FLOW_CYCLE');
    expect(store.getState().notice?.message).toContain('cycle');
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('reports an edit that cannot apply as a notice and leaves the document alone', () => {
    const store = createEditorStore({ document: emptyDocument() });
    store.getState().dispatch([{ kind: 'updateNode', nodeId: 'ghost', patch: { name: 'x' } }], 'Edit');
    expect(store.getState().notice?.code).toBe('JX_EDITOR_NODE_UNKNOWN');
    expect(store.getState().history.past).toHaveLength(0);
  });
});
