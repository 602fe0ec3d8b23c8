import { describe, expect, it } from 'vitest';
import { nodeTypesFixture, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createCommands } from '../store/commands.ts';
import { quickAddCandidates } from './quick-add.ts';

const types = nodeTypesFixture().nodeTypes;

describe('adding a node at the loose end of a connection', () => {
  it('offers only types that fit the loose end, filtered by the search', () => {
    const after = quickAddCandidates(types, 'source', '').map((t) => t.type);
    expect(after).not.toContain('trigger.webhook');
    expect(after).toContain('http.request');
    expect(quickAddCandidates(types, 'target', '').map((t) => t.type)).toContain('trigger.webhook');
    expect(quickAddCandidates(types, 'source', 'http req').map((t) => t.type)).toEqual(['http.request']);
  });

  it('adds the node joined to an output, as one undo step', () => {
    const store = storeWithCatalogue();
    const commands = createCommands(store);
    const hook = commands.addNode('trigger.webhook', { x: 0, y: 0 })!;
    const id = commands.addConnectedNode(
      'http.request',
      { x: 300, y: 10 },
      { node: hook, port: 'out', side: 'source' },
    );
    const { document, selection } = store.getState();
    expect(document.nodes.find((n) => n.id === id)?.position).toEqual({ x: 300, y: 10 });
    expect(document.edges.map((e) => [e.source, e.target])).toEqual([
      [
        { node: hook, port: 'out' },
        { node: id, port: 'in' },
      ],
    ]);
    expect(selection.nodes).toEqual([id]);
    store.getState().undo();
    expect(store.getState().document.nodes.map((n) => n.id)).toEqual([hook]);
    expect(store.getState().document.edges).toEqual([]);
  });

  it('joins a node dropped before an input by its first output', () => {
    const store = storeWithCatalogue();
    const commands = createCommands(store);
    const http = commands.addNode('http.request', { x: 300, y: 0 })!;
    const id = commands.addConnectedNode(
      'flow.if',
      { x: 0, y: 0 },
      { node: http, port: 'in', side: 'target' },
    );
    expect(store.getState().document.edges.map((e) => [e.source, e.target])).toEqual([
      [
        { node: id, port: 'true' },
        { node: http, port: 'in' },
      ],
    ]);
  });
});
