import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createApiClient } from '../api/api-client.ts';
import { EditorContext } from '../app/editor-context.ts';
import type { FlowDocument } from '../document/flow-types.ts';
import { createCommands } from '../store/commands.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { Inspector } from './Inspector.tsx';
import { Palette } from './Palette.tsx';

vi.mock('../expressions/monaco-setup.ts', () => {
  throw new Error('Monaco is not available in happy-dom.');
});

afterEach(cleanup);

const V1_FIRST = 'Pass on the first branch that has a value (join if/switch branches)';
const V2_FIRST = 'Race: pass on the first branch to arrive, ignore the rest';

function twoMerges(): FlowDocument {
  const at = { x: 0, y: 0 };
  return {
    schemaVersion: 1,
    id: 'merges',
    name: 'Merges',
    nodes: [
      { id: 'old', type: 'flow.merge', typeVersion: 1, position: at, config: { mode: 'first' } },
      { id: 'new', type: 'flow.merge', typeVersion: 2, position: at, config: { mode: 'first' } },
    ],
    edges: [],
  };
}

function wrap(store: EditorStore, children: ReactNode) {
  const fetch = (async () => new Response('{}')) as typeof globalThis.fetch;
  const services = { store, commands: createCommands(store), api: createApiClient({ fetch }) };
  return (
    <EditorContext.Provider value={services}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </EditorContext.Provider>
  );
}

const modeOptions = () =>
  [
    ...within(document.querySelector<HTMLElement>('[data-pointer="/config/mode"]')!).getAllByRole('option'),
  ].map((o) => o.textContent);

describe('flow.merge v1 and v2 side by side', () => {
  it('the inspector shows each node with the config form of its own version', () => {
    const store = storeWithCatalogue(twoMerges());
    store.getState().select({ nodes: ['old'] });
    const { rerender } = render(wrap(store, <Inspector />));
    expect(modeOptions()).toContain(V1_FIRST);
    expect(modeOptions()).not.toContain(V2_FIRST);
    expect(screen.getByTestId('inspector-version').textContent).toBe('v1');
    expect(screen.getByTestId('inspector-newer-version').textContent).toBe('v2 available');

    store.getState().select({ nodes: ['new'] });
    rerender(wrap(store, <Inspector />));
    expect(modeOptions()).toContain(V2_FIRST);
    expect(modeOptions()).not.toContain(V1_FIRST);
    expect(screen.getByTestId('inspector-version').textContent).toBe('v2');
    expect(screen.queryByTestId('inspector-newer-version')).toBeNull();
  });

  it('editing the v1 node keeps it on v1 (no silent migration)', () => {
    const store = storeWithCatalogue(twoMerges());
    store.getState().select({ nodes: ['old'] });
    render(wrap(store, <Inspector />));
    const select = document.querySelector<HTMLSelectElement>('[data-pointer="/config/mode"] select')!;
    const all = [...select.options].findIndex((o) => o.textContent?.startsWith('Wait for all'));
    fireEvent.change(select, { target: { value: String(all) } });
    const old = store.getState().document.nodes.find((n) => n.id === 'old')!;
    expect(old.config).toMatchObject({ mode: 'all' });
    expect(old.typeVersion).toBe(1);
  });

  it('the palette lists merge once, and adding it makes a v2 node', () => {
    const store = storeWithCatalogue();
    render(wrap(store, <Palette />));
    expect(screen.getAllByTestId('palette-flow.merge')).toHaveLength(1);
    fireEvent.doubleClick(screen.getByTestId('palette-flow.merge'));
    expect(store.getState().document.nodes.map((n) => [n.type, n.typeVersion])).toEqual([['flow.merge', 2]]);
  });
});
