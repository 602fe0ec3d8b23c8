import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeTypesFixture, orderFlow, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createApiClient } from '../api/api-client.ts';
import { EditorContext } from '../app/editor-context.ts';
import type { Json } from '../document/flow-types.ts';
import { createCommands } from '../store/commands.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { Inspector } from './Inspector.tsx';
import { SchemaForm } from './SchemaForm.tsx';

// Monaco cannot run in happy-dom; the expression field then keeps its plain input, which is what we test.
vi.mock('../expressions/monaco-setup.ts', () => {
  throw new Error('Monaco is not available in happy-dom.');
});

afterEach(cleanup);

function wrap(store: EditorStore, children: ReactNode) {
  const services = {
    store,
    commands: createCommands(store),
    api: createApiClient({ fetch: () => Promise.reject(new Error('offline')) }),
  };
  return (
    <EditorContext.Provider value={services}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </EditorContext.Provider>
  );
}

const types = nodeTypesFixture().nodeTypes;
const schemaOf = (type: string) => types.find((t) => t.type === type)!.config;

function renderForm(type: string, value: Record<string, Json>, errors = new Map<string, string>()) {
  const onChange = vi.fn();
  const store = storeWithCatalogue();
  render(
    wrap(
      store,
      <SchemaForm
        schema={schemaOf(type)}
        value={value}
        pointer="/config"
        errors={errors}
        nodeId="n1"
        onChange={onChange}
      />,
    ),
  );
  return onChange;
}

describe('SchemaForm', () => {
  it('renders a labelled widget per field with help text and required markers', () => {
    renderForm('http.request', {
      method: 'POST',
      url: 'https://x.test',
      timeoutMs: 5,
      followRedirects: true,
    });
    expect((screen.getByRole('textbox', { name: /^URL/ }) as HTMLInputElement).value).toBe('https://x.test');
    expect(screen.getByText('Absolute http(s) URL; may be an expression.')).toBeTruthy();
    expect(screen.getByTitle('Required')).toBeTruthy();
    const method = screen.getByLabelText('Method') as HTMLSelectElement;
    expect([...method.options].map((o) => o.text)).toEqual(['GET', 'POST']);
    expect(method.selectedOptions[0]!.text).toBe('POST');
    expect((screen.getByLabelText('Timeout (ms)') as HTMLInputElement).value).toBe('5');
    expect((screen.getByLabelText('Follow redirects') as HTMLInputElement).checked).toBe(true);
  });

  it('reports edits with the path of the field', () => {
    const onChange = renderForm('http.request', { url: '' });
    fireEvent.change(screen.getByRole('textbox', { name: /^URL/ }), { target: { value: 'https://a.test' } });
    expect(onChange).toHaveBeenLastCalledWith(['url'], 'https://a.test');
    fireEvent.change(screen.getByLabelText('Timeout (ms)'), { target: { value: '250' } });
    expect(onChange).toHaveBeenLastCalledWith(['timeoutMs'], 250);
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: '1' } });
    expect(onChange).toHaveBeenLastCalledWith(['method'], 'POST');
  });

  it('switches a field to an expression and back', () => {
    const onChange = renderForm('http.request', { url: 'https://a.test' });
    fireEvent.click(screen.getByLabelText('URL: expression'));
    expect(onChange).toHaveBeenLastCalledWith(['url'], '="https://a.test"');
    cleanup();
    const again = renderForm('http.request', { url: '="https://a.test"' });
    expect((screen.getByLabelText('Expression /config/url') as HTMLInputElement).value).toBe(
      '"https://a.test"',
    );
    fireEvent.click(screen.getByLabelText('URL: expression'));
    expect(again).toHaveBeenLastCalledWith(['url'], 'https://a.test');
  });

  it('adds array items with their defaults and picks oneOf variants', () => {
    const onChange = renderForm('transform.map', {
      expression: '=$',
      fields: [{ name: 'a' }],
      mode: { kind: 'keep' },
    });
    expect((screen.getByRole('textbox', { name: /^Name/ }) as HTMLInputElement).value).toBe('a');
    fireEvent.click(screen.getByText('+ Add item'));
    expect(onChange).toHaveBeenLastCalledWith(['fields'], [{ name: 'a' }, {}]);
    fireEvent.change(screen.getByLabelText('Mode kind'), { target: { value: '1' } });
    expect(onChange).toHaveBeenLastCalledWith(['mode'], { kind: 'replace' });
  });

  it('edits key/value maps', () => {
    const onChange = renderForm('http.request', { url: 'x', headers: { Accept: 'text/plain' } });
    fireEvent.change(screen.getByLabelText('Headers value 1'), { target: { value: 'application/json' } });
    expect(onChange).toHaveBeenLastCalledWith(['headers'], { Accept: 'application/json' });
    fireEvent.click(screen.getByText('+ Add'));
    expect(onChange).toHaveBeenLastCalledWith(['headers'], { Accept: 'text/plain', key2: '' });
  });

  it('shows errors next to the field they concern', () => {
    renderForm('http.request', { url: '' }, new Map([['/config/url', 'url is required.']]));
    expect(screen.getByRole('alert').textContent).toBe('url is required.');
  });
});

describe('Inspector', () => {
  it('validates as you type and records one undo step per field burst', () => {
    const flow = orderFlow();
    flow.nodes[1]!.config = { method: 'GET' };
    const store = storeWithCatalogue(flow);
    store.getState().select({ nodes: ['fetchProduct'] });
    render(wrap(store, <Inspector />));
    expect(screen.getByRole('alert').textContent).toBe('url is required.');
    fireEvent.change(screen.getByRole('textbox', { name: /^URL/ }), {
      target: { value: 'https://shop.test' },
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(store.getState().document.nodes[1]!.config.url).toBe('https://shop.test');
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Fetch it' } });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Fetch it');
    store.getState().undo();
    expect(store.getState().document.nodes[1]!.name).toBe('Fetch product');
  });

  it('lists only credentials of the kinds a slot accepts', () => {
    const store = storeWithCatalogue(orderFlow());
    store.getState().setCatalogue({
      credentials: [
        {
          id: 'c1',
          name: 'Shop token',
          kind: 'bearer',
          allowedHosts: [],
          fields: {},
          secretFields: ['token'],
          createdAt: 0,
          updatedAt: 0,
        },
        {
          id: 'c2',
          name: 'Basic',
          kind: 'basic',
          allowedHosts: [],
          fields: {},
          secretFields: [],
          createdAt: 0,
          updatedAt: 0,
        },
      ],
    });
    store.getState().select({ nodes: ['fetchProduct'] });
    render(wrap(store, <Inspector />));
    const picker = screen.getByLabelText('Authentication') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.text)).toEqual(['(none)', 'Shop token · bearer']);
    fireEvent.change(picker, { target: { value: 'c1' } });
    expect(store.getState().document.nodes[1]!.credentials).toEqual({ auth: 'c1' });
  });

  it('shows the flow settings when no node is selected', () => {
    const store = storeWithCatalogue(orderFlow());
    render(wrap(store, <Inspector />));
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Orders v2' } });
    expect(store.getState().document.name).toBe('Orders v2');
  });
});
