import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { orderFlow, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createApiClient } from '../api/api-client.ts';
import type { CredentialSummary } from '../api/api-types.ts';
import { EditorContext } from '../app/editor-context.ts';
import { createCommands } from '../store/commands.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { CredentialsDialog } from './CredentialsDialog.tsx';
import { Inspector } from './Inspector.tsx';

vi.mock('../expressions/monaco-setup.ts', () => {
  throw new Error('Monaco is not available in happy-dom.');
});

afterEach(cleanup);

/** A credential endpoint in memory, answering like the server: secret values never come back. */
function fakeServer(
  initial: CredentialSummary[] = [],
  refuse?: (body: {
    data: Record<string, unknown>;
  }) => { code: string; message: string; details: object } | undefined,
) {
  const credentials = [...initial];
  const requests: Array<{ method: string; url: string; body?: unknown }> = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method, url: String(url), body });
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'GET') return json({ credentials });
    if (method === 'DELETE') {
      credentials.splice(
        credentials.findIndex((c) => String(url).endsWith(c.id)),
        1,
      );
      return new Response(null, { status: 204 });
    }
    const refusal = refuse?.(body);
    if (refusal) return json({ error: refusal }, 422);
    const id = method === 'POST' ? `cred_${credentials.length + 1}` : String(url).split('/').pop()!;
    const previous = credentials.find((c) => c.id === id);
    const secrets: string[] = Object.keys(body.data).filter((k) => k === 'token' || k === 'secret');
    const fields = Object.fromEntries(Object.entries(body.data).filter(([k]) => !secrets.includes(k)));
    const view: CredentialSummary = {
      id,
      name: body.name,
      kind: body.kind,
      allowedHosts: body.allowedHosts,
      fields: fields as CredentialSummary['fields'],
      secretFields: [...new Set([...(previous?.secretFields ?? []), ...secrets])],
      createdAt: 1,
      updatedAt: 2,
    };
    if (previous) credentials[credentials.indexOf(previous)] = view;
    else credentials.push(view);
    return json({ credential: view }, method === 'POST' ? 201 : 200);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests, credentials };
}

function wrap(store: EditorStore, fetch: typeof globalThis.fetch, children: ReactNode) {
  const services = { store, commands: createCommands(store), api: createApiClient({ fetch }) };
  return (
    <EditorContext.Provider value={services}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </EditorContext.Provider>
  );
}

describe('credential management', () => {
  it('creates a credential from the picker (slot kinds only) and selects it', async () => {
    const store = storeWithCatalogue(orderFlow());
    const server = fakeServer();
    store.getState().select({ nodes: ['fetchProduct'] });
    render(wrap(store, server.fetch, <Inspector />));
    fireEvent.click(screen.getByTestId('credential-new-auth'));
    const kind = screen.getByLabelText('Kind') as HTMLSelectElement;
    expect([...kind.options].map((o) => o.value)).toEqual(['bearer', 'signature']);
    fireEvent.click(screen.getByTestId('credential-save'));
    expect(await screen.findByText('Token is required.')).toBeTruthy();
    fireEvent.change(document.getElementById('jx-credential-name')!, { target: { value: 'Shop token' } });
    const token = screen.getByLabelText(/^Token/) as HTMLInputElement;
    expect(token.type).toBe('password');
    fireEvent.change(token, { target: { value: 's3cr3t-value' } });
    fireEvent.change(screen.getByLabelText('Allowed host 1'), { target: { value: 'api.shop.example' } });
    fireEvent.click(screen.getByTestId('credential-save'));
    await waitFor(() => expect(store.getState().document.nodes[1]!.credentials).toEqual({ auth: 'cred_1' }));
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Shop token',
      kind: 'bearer',
      allowedHosts: ['api.shop.example'],
      data: { token: 's3cr3t-value' },
    });
    expect(JSON.stringify(store.getState())).not.toContain('s3cr3t-value');
    expect(screen.queryByTestId('credential-form')).toBeNull();
  });

  it('edits without re-sending an untouched secret, and deletes after a confirming click', async () => {
    const store = storeWithCatalogue();
    const server = fakeServer([
      {
        id: 'c1',
        name: 'Supplier',
        kind: 'signature',
        allowedHosts: [],
        fields: { appKey: 'k1' },
        secretFields: ['secret'],
        createdAt: 1,
        updatedAt: 1,
      },
    ]);
    store.getState().setCatalogue({ credentials: server.credentials.slice(), credentialsKnown: true });
    render(wrap(store, server.fetch, <CredentialsDialog onClose={() => {}} />));
    expect(screen.getByTestId('credential-list').textContent).toContain('secret: set');
    fireEvent.click(screen.getByText('Edit'));
    const secret = screen.getByLabelText(/^Secret/) as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.placeholder).toContain('set');
    fireEvent.change(screen.getByLabelText('App key'), { target: { value: 'k2' } });
    // Stored before hosts were required: saving asks for one and sends nothing.
    fireEvent.click(screen.getByTestId('credential-save'));
    expect(await screen.findByText(/Add at least one host/)).toBeTruthy();
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
    fireEvent.change(screen.getByLabelText('Allowed host 1'), { target: { value: '*' } });
    fireEvent.click(screen.getByTestId('credential-save'));
    await screen.findByTestId('credential-list');
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ data: { appKey: 'k2' }, allowedHosts: ['*'] });
    expect((put!.body as { data: object }).data).not.toHaveProperty('secret');
    fireEvent.click(screen.getByText('Delete'));
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByText('Confirm delete'));
    await waitFor(() => expect(store.getState().catalogue.credentials).toEqual([]));
    expect(screen.getByText(/No credentials yet/)).toBeTruthy();
  });

  it('shows a refusal of the server at the field it names, as a sentence', async () => {
    const store = storeWithCatalogue();
    const server = fakeServer([], (body) =>
      String(body.data.appKey ?? '').length < 3
        ? {
            code: 'JX_CREDENTIAL_INVALID',
            message: "The signature credential's fields do not fit its kind: /data/appKey must be longer.",
            details: {
              problems: [{ pointer: '/data/appKey', message: 'must NOT have fewer than 3 characters' }],
            },
          }
        : undefined,
    );
    render(wrap(store, server.fetch, <CredentialsDialog onClose={() => {}} />));
    fireEvent.click(screen.getByText('+ New credential'));
    fireEvent.change(document.getElementById('jx-credential-name')!, { target: { value: 'Supplier' } });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'signature' } });
    fireEvent.change(screen.getByLabelText(/^Secret/), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('App key'), { target: { value: 'k' } });
    fireEvent.change(screen.getByLabelText('Allowed host 1'), { target: { value: 'api.supplier.example' } });
    fireEvent.click(screen.getByTestId('credential-save'));
    const failure = await screen.findByTestId('credential-failure');
    expect(failure.textContent).toContain('The server did not save the credential');
    expect(failure.textContent).toContain('JX_CREDENTIAL_INVALID');
    const field = screen.getByLabelText('App key').closest('.jx-field')!;
    expect(field.textContent).toContain('must NOT have fewer than 3 characters');
    // Editing clears the server's word; a fixed value saves.
    fireEvent.change(screen.getByLabelText('App key'), { target: { value: 'k-123' } });
    expect(screen.queryByTestId('credential-failure')).toBeNull();
    fireEvent.click(screen.getByTestId('credential-save'));
    await waitFor(() => expect(store.getState().catalogue.credentials).toHaveLength(1));
  });
});
