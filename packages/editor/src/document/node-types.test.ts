import { describe, expect, it } from 'vitest';
import { nodeTypesFixture, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createViewDeriver } from '../canvas/derive-view.ts';
import type { FlowNodeData } from '../components/FlowNodeCard.tsx';
import { completionSources } from '../expressions/completion-sources.ts';
import { createCommands } from '../store/commands.ts';
import { validateDocument } from '../validation/validate-document.ts';
import { checkConnection } from './connect.ts';
import type { FlowDocument, NodeTypeDescriptor } from './flow-types.ts';
import { describeNode, indexNodeTypes, newerVersionOf, nodeDescriber, nodeTypeKey } from './node-types.ts';

const { nodeTypes } = nodeTypesFixture();
const mergeV1 = nodeTypes.find((t) => t.type === 'flow.merge' && t.version === 1)!;
const mergeV2 = nodeTypes.find((t) => t.type === 'flow.merge' && t.version === 2)!;

type ModeSchema = { properties: { mode: { oneOf: Array<{ title: string }> } } };
const modeTitles = (descriptor: NodeTypeDescriptor | undefined) =>
  ((descriptor?.config as ModeSchema | undefined)?.properties.mode.oneOf ?? []).map((option) => option.title);

/** A flow with one `flow.merge` of each version, both fed by the same two branches. */
function twoMerges(): FlowDocument {
  const at = { x: 0, y: 0 };
  return {
    schemaVersion: 1,
    id: 'merges',
    name: 'Merges',
    nodes: [
      { id: 'hook', type: 'trigger.webhook', typeVersion: 1, position: at, config: { path: 'm' } },
      { id: 'left', type: 'transform.map', typeVersion: 1, position: at, config: { expression: '=1' } },
      { id: 'old', type: 'flow.merge', typeVersion: 1, position: at, config: { mode: 'first' } },
      { id: 'new', type: 'flow.merge', typeVersion: 2, position: at, config: { mode: 'first' } },
    ],
    edges: [],
  };
}

describe('node type lookup by type + version', () => {
  it('the fixture holds flow.merge v1 and v2 with different mode options', () => {
    expect(mergeV1).toBeDefined();
    expect(mergeV2).toBeDefined();
    expect(modeTitles(mergeV1)).not.toEqual(modeTitles(mergeV2));
  });

  it('describes each node by its own version, never by the newest', () => {
    const index = indexNodeTypes(nodeTypes);
    expect(describeNode(index, { type: 'flow.merge', typeVersion: 1 })).toBe(mergeV1);
    expect(describeNode(index, { type: 'flow.merge', typeVersion: 2 })).toBe(mergeV2);
    expect(index.exact.get(nodeTypeKey('flow.merge', 1))).toBe(mergeV1);
  });

  it('an uninstalled version is unknown rather than borrowed from another version', () => {
    const index = indexNodeTypes(nodeTypes);
    expect(describeNode(index, { type: 'flow.merge', typeVersion: 3 })).toBeUndefined();
    expect(describeNode(index, { type: 'nope', typeVersion: 1 })).toBeUndefined();
  });

  it('latest is the highest version whatever the order the server lists them in', () => {
    for (const order of [
      [mergeV1, mergeV2],
      [mergeV2, mergeV1],
    ]) {
      const index = indexNodeTypes(order);
      expect(index.latest.get('flow.merge')).toBe(mergeV2);
      expect(index.latest.size).toBe(1);
      expect(index.exact.size).toBe(2);
    }
  });

  it('names a newer version only for nodes on an older one', () => {
    const index = indexNodeTypes(nodeTypes);
    expect(newerVersionOf(index, { type: 'flow.merge', typeVersion: 1 })).toBe(2);
    expect(newerVersionOf(index, { type: 'flow.merge', typeVersion: 2 })).toBeUndefined();
    expect(newerVersionOf(index, { type: 'http.request', typeVersion: 1 })).toBeUndefined();
    expect(newerVersionOf(index, { type: 'nope', typeVersion: 1 })).toBeUndefined();
  });

  it('a new node gets the newest version', () => {
    const store = storeWithCatalogue();
    const id = createCommands(store).addNode('flow.merge', { x: 0, y: 0 })!;
    expect(store.getState().document.nodes.find((n) => n.id === id)?.typeVersion).toBe(2);
  });

  it('the canvas gives each merge its own descriptor and hints at v2 only on the v1 node', () => {
    const document = twoMerges();
    const store = storeWithCatalogue(document);
    const { types } = store.getState().catalogue;
    const view = createViewDeriver()(
      { document, types, selection: { nodes: [], edges: [], notes: [] }, run: null, problems: [] },
      new Map(),
    );
    const data = (id: string) => view.nodes.find((n) => n.id === id)?.data as FlowNodeData;
    expect(data('old').descriptor?.version).toBe(1);
    expect(modeTitles(data('old').descriptor)).toEqual(modeTitles(mergeV1));
    expect(data('old').newerVersion).toBe(2);
    expect(data('new').descriptor?.version).toBe(2);
    expect(modeTitles(data('new').descriptor)).toEqual(modeTitles(mergeV2));
    expect(data('new').newerVersion).toBeUndefined();
  });

  it('connection checks read the ports of the node version (unknown version: no ports)', () => {
    const document = twoMerges();
    document.nodes.push({
      id: 'future',
      type: 'flow.merge',
      typeVersion: 9,
      position: { x: 0, y: 0 },
      config: {},
    });
    const describe = nodeDescriber(indexNodeTypes(nodeTypes));
    const from = { node: 'left', port: 'out' };
    expect(checkConnection(document, from, { node: 'old', port: 'a' }, describe).ok).toBe(true);
    expect(checkConnection(document, from, { node: 'future', port: 'a' }, describe).ok).toBe(false);
  });

  it('local validation knows both merge versions and refuses an uninstalled one', () => {
    const document = twoMerges();
    const codes = (doc: FlowDocument) =>
      validateDocument(doc, { nodeTypes })
        .filter((p) => p.pointer?.startsWith('/nodes/2') || p.pointer?.startsWith('/nodes/3'))
        .map((p) => p.code);
    expect(codes(document)).not.toContain('JX_UNKNOWN_NODE_TYPE');
    document.nodes[2] = { ...document.nodes[2]!, typeVersion: 9 };
    expect(codes(document)).toContain('JX_UNKNOWN_NODE_TYPE');
  });

  it('completion describes upstream nodes by their own version', () => {
    const document = twoMerges();
    const store = storeWithCatalogue(document);
    // A v1 node whose version the server no longer has shows its type, not a borrowed title.
    const renamed = { ...document.nodes[2]!, typeVersion: 7 };
    store
      .getState()
      .load({ ...document, nodes: [...document.nodes.slice(0, 2), renamed, document.nodes[3]!] }, null);
    const sources = completionSources(store.getState(), 'hook');
    expect(sources.nodes.old?.title).toBe('flow.merge');
    expect(sources.nodes.new?.title).toBe('Merge');
  });
});
