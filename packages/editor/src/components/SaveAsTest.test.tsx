import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createApiClient } from '../api/api-client.ts';
import { EditorContext } from '../app/editor-context.ts';
import { createCommands } from '../store/commands.ts';
import { testsStoreOf } from '../tests-panel/tests-store.ts';
import { SaveAsTest } from './SaveAsTest.tsx';

afterEach(cleanup);

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The server's side of save as test: a draft, no test file yet, and a PUT answered by `put`. */
function show(put: (body: unknown) => Response) {
  const puts: unknown[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    if (url === '/api/runs/run-1/test-case')
      return json(200, { name: 'from run run-1', input: { qty: 1 }, expect: { status: 'succeeded' } });
    if (url === '/api/flows/shop/tests' && method === 'GET')
      return json(200, { flowId: 'shop', tests: null, updatedAt: null });
    if (url === '/api/flows/shop/tests' && method === 'PUT') {
      const body = JSON.parse(String(init?.body));
      puts.push(body);
      return put(body);
    }
    return json(404, { error: { code: 'JX_NOT_FOUND', message: `no ${url}` } });
  }) as typeof globalThis.fetch;
  const store = storeWithCatalogue();
  const services = { store, commands: createCommands(store), api: createApiClient({ fetch }) };
  render(
    <EditorContext.Provider value={services}>
      <SaveAsTest flowId="shop" runId="run-1" />
    </EditorContext.Provider>,
  );
  return { store, puts };
}

describe('save as test', () => {
  it('asks for the name (prefilled from the draft), creates the test file and saves the case', async () => {
    const { store, puts } = show((body) => json(200, { flowId: 'shop', tests: body, updatedAt: 1 }));
    fireEvent.click(screen.getByTestId('save-as-test-button'));
    const name = (await screen.findByTestId('save-as-test-name')) as HTMLInputElement;
    expect(name.value).toBe('from run run-1');
    fireEvent.change(name, { target: { value: 'one item' } });
    fireEvent.click(screen.getByTestId('save-as-test-save'));
    await waitFor(() => expect(screen.queryByTestId('save-as-test-name')).toBeNull());
    expect(puts).toEqual([
      { schemaVersion: 1, cases: [{ name: 'one item', input: { qty: 1 }, expect: { status: 'succeeded' } }] },
    ]);
    expect(
      testsStoreOf(store)
        .getState()
        .file?.cases.map((c) => c.name),
    ).toEqual(['one item']);
    expect(store.getState().notice?.message).toContain('one item');
  });

  it('lists the problems of a refused file (422) under the form and keeps the form open', async () => {
    show(() =>
      json(422, {
        error: {
          code: 'JX_FLOW_TESTS_INVALID',
          message: 'The test file is invalid.',
          details: { problems: [{ pointer: '/cases/0/name', message: 'must not be empty' }] },
        },
      }),
    );
    fireEvent.click(screen.getByTestId('save-as-test-button'));
    fireEvent.click(await screen.findByTestId('save-as-test-save'));
    const problems = await screen.findByTestId('save-as-test-problems');
    expect(problems.textContent).toBe('/cases/0/name must not be empty');
    expect(screen.getByTestId('save-as-test-name')).toBeTruthy();
  });
});
