import { describe, expect, it } from 'vitest';
import { storeWithCatalogue } from '../../test/support/fixtures.ts';
import type { ApiClient } from '../api/api-client.ts';
import { checkConnection } from '../document/connect.ts';
import type { FlowDocument, FlowNode } from '../document/flow-types.ts';
import { nodeDescriber } from '../document/node-types.ts';
import { portsOfNode } from '../document/ports.ts';
import { EditorError } from '../errors/editor-error.ts';
import { createCommands } from '../store/commands.ts';
import { validateDocument } from '../validation/validate-document.ts';
import { portCacheKey } from './port-cache.ts';
import { createPortResolver } from './port-resolver.ts';

type PortsBody = { type: string; version: number; config: { cases?: Array<{ name: string }> } };

/** A stand-in for the server's port function: one output per case name, then `default`. */
function fakeApi(calls: PortsBody[]): ApiClient {
  return {
    async request<T>(_method: string, _path: string, body?: unknown): Promise<T> {
      const request = body as PortsBody;
      calls.push(request);
      if (request.config.cases?.some((c) => c.name === 'boom')) {
        throw new EditorError('JX_NODE_CONFIG_INVALID', 'The ports cannot be derived from this config.');
      }
      const outputs = [...(request.config.cases ?? []).map((c) => `port-${c.name}`), 'default'];
      return { inputs: ['in'], outputs } as T;
    },
    async stream() {},
  };
}

const switchNode = (cases: string[]): FlowNode => ({
  id: 'route',
  type: 'flow.switch',
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config: { value: '=x', cases: cases.map((name) => ({ name, equals: name })) },
});

describe('dynamic ports from the server', () => {
  it('asks once per distinct config, debounced, and stores the answer', async () => {
    const store = storeWithCatalogue();
    const calls: PortsBody[] = [];
    const resolver = createPortResolver({ store, api: fakeApi(calls), debounceMs: 5 });
    const commands = createCommands(store);
    const id = commands.addNode('flow.switch', { x: 0, y: 0 })!;
    commands.updateNode(id, { config: { value: '=x', cases: [{ name: 'a', equals: 1 }] } });
    commands.updateNode(id, { config: { value: '=x', cases: [{ name: 'a', equals: 1 }, { name: 'b' }] } });
    await expect.poll(() => store.getState().ports.size).toBe(1);
    expect(calls).toHaveLength(1);
    const node = store.getState().document.nodes[0]!;
    const descriptor = store.getState().catalogue.types.latest.get('flow.switch');
    expect(portsOfNode(node, descriptor, undefined, store.getState().ports).outputs).toEqual([
      'port-a',
      'port-b',
      'default',
    ]);
    // Key order does not matter: the same config is not asked for again.
    commands.updateNode(id, { config: { cases: [{ equals: 1, name: 'a' }, { name: 'b' }], value: '=x' } });
    await resolver.flush();
    expect(calls).toHaveLength(1);
    resolver.destroy();
  });

  it('does not ask again for a config the server cannot derive ports from', async () => {
    const store = storeWithCatalogue({
      schemaVersion: 1,
      id: 'f',
      name: 'f',
      nodes: [switchNode(['boom'])],
      edges: [],
    });
    const calls: PortsBody[] = [];
    const resolver = createPortResolver({ store, api: fakeApi(calls), debounceMs: 1 });
    await resolver.flush();
    await resolver.flush();
    expect(calls).toHaveLength(1);
    expect(store.getState().ports.size).toBe(0);
    resolver.destroy();
  });

  it('uses the answer for connection checks and local validation', () => {
    const node = switchNode(['a']);
    const target: FlowNode = {
      id: 'map',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 300, y: 0 },
      config: { expression: '=$' },
    };
    const document: FlowDocument = {
      schemaVersion: 1,
      id: 'f',
      name: 'f',
      nodes: [node, target],
      edges: [{ id: 'e1', source: { node: 'route', port: 'a' }, target: { node: 'map', port: 'in' } }],
    };
    const store = storeWithCatalogue(document);
    const { nodeTypes } = store.getState().catalogue;
    const describe = nodeDescriber(store.getState().catalogue.types);
    const ports = new Map([
      [portCacheKey('flow.switch', 1, node.config), { inputs: ['in'], outputs: ['port-a', 'default'] }],
    ]);
    // Without the server's answer the editor guesses the case name, so the edge looks fine.
    const guessed = validateDocument(document, { nodeTypes });
    expect(guessed.map((p) => p.code)).not.toContain('JX_UNKNOWN_PORT');
    // With it, the edge's port is unknown, exactly as the server would say on save.
    const checked = validateDocument(document, { nodeTypes, ports });
    expect(checked.map((p) => p.code)).toContain('JX_UNKNOWN_PORT');
    const to = { node: 'map', port: 'in' };
    expect(checkConnection(document, { node: 'route', port: 'port-a' }, to, describe, ports).ok).toBe(true);
    expect(checkConnection(document, { node: 'route', port: 'nope' }, to, describe, ports)).toMatchObject({
      ok: false,
      code: 'JX_FLOW_PORT_UNKNOWN',
    });
  });
});
