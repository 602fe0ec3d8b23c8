import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createApiClient } from '../api/api-client.ts';
import { EditorContext } from '../app/editor-context.ts';
import type { FlowDocument } from '../document/flow-types.ts';
import { createCommands } from '../store/commands.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { NodeBehaviour } from './NodeBehaviour.tsx';

afterEach(cleanup);

function oneMap(): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'limits',
    name: 'Limits',
    nodes: [
      {
        id: 'map',
        type: 'transform.map',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        config: { mapping: '=$' },
        expressionLimits: { maxDepth: 50 },
      },
    ],
    edges: [],
  };
}

function show(store: EditorStore) {
  const fetch = (async () => new Response('{}')) as typeof globalThis.fetch;
  const services = { store, commands: createCommands(store), api: createApiClient({ fetch }) };
  const node = store.getState().document.nodes[0]!;
  return render(
    <EditorContext.Provider value={services}>
      <NodeBehaviour node={node} hasErrorPort={false} />
    </EditorContext.Provider>,
  );
}

const field = () =>
  document.querySelector<HTMLInputElement>('[data-pointer="/expressionLimits/timeoutMs"] input')!;

describe('node behaviour: the expression time limit', () => {
  it('sets and clears the node’s expression time limit, keeping its other limits', () => {
    const store = storeWithCatalogue(oneMap());
    show(store);
    expect(field().placeholder).toBe('The server’s limit');
    fireEvent.change(field(), { target: { value: '100' } });
    expect(store.getState().document.nodes[0]!.expressionLimits).toEqual({ maxDepth: 50, timeoutMs: 100 });

    cleanup();
    show(store);
    expect(field().value).toBe('100');
    fireEvent.change(field(), { target: { value: '' } });
    expect(store.getState().document.nodes[0]!.expressionLimits).toEqual({ maxDepth: 50 });
  });

  it('leaves no empty expressionLimits behind when the time limit was the only one', () => {
    const flow = oneMap();
    flow.nodes[0]!.expressionLimits = { timeoutMs: 200 };
    const store = storeWithCatalogue(flow);
    show(store);
    fireEvent.change(field(), { target: { value: '' } });
    expect(store.getState().document.nodes[0]).not.toHaveProperty('expressionLimits');
  });
});
