import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createApiClient } from '../api/api-client.ts';
import type { CredentialSummary, SignaturePreview } from '../api/api-types.ts';
import { EditorContext } from '../app/editor-context.ts';
import { createCommands } from '../store/commands.ts';
import { CredentialsDialog } from './CredentialsDialog.tsx';

afterEach(cleanup);

const SAVED: CredentialSummary = {
  id: 'pay-md5',
  name: 'Pay',
  kind: 'signature',
  allowedHosts: ['pay.test'],
  fields: { appKey: 'k1', sort: 'key-asc' },
  secretFields: ['secret'],
  createdAt: 1,
  updatedAt: 1,
};
const SIGNATURE = '9A0A8659F005D6984697E2CA0A9CF3B7';
const BODY = '{"appid":"wxd930ea5d5a258f4f","mch_id":"10000100","nonce_str":"ibuaiVcKdpRxkhJA"}';

/** The server's preview endpoint in memory: records each request and answers with `answer`. */
function fakeServer(answer: (body: Record<string, unknown>) => { status: number; json: unknown }) {
  const previews: Array<Record<string, unknown>> = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (!String(url).endsWith('/api/credentials/preview-signature')) return json({ credentials: [SAVED] });
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    previews.push(body);
    const { status, json: value } = answer(body);
    return json(value, status);
  };
  return { fetch: fetch as typeof globalThis.fetch, previews };
}

function openDialog(fetch: typeof globalThis.fetch) {
  const store = storeWithCatalogue();
  store.getState().setCatalogue({ credentials: [SAVED], credentialsKnown: true });
  const services = { store, commands: createCommands(store), api: createApiClient({ fetch }) };
  render(
    <EditorContext.Provider value={services}>
      <CredentialsDialog onClose={() => {}} />
    </EditorContext.Provider>,
  );
}

function fillSample(expected: string) {
  fireEvent.click(screen.getByText('Signature workbench'));
  fireEvent.change(screen.getByLabelText('Request'), {
    target: { value: 'https://pay.test/pay/unifiedorder' },
  });
  fireEvent.change(screen.getByLabelText('Headers'), { target: { value: 'X-Request-Id: 42\n' } });
  fireEvent.change(screen.getByLabelText('Body'), { target: { value: BODY } });
  fireEvent.change(screen.getByLabelText('Signature in the documentation'), { target: { value: expected } });
}

const preview = (extra: Partial<SignaturePreview>): SignaturePreview => ({
  canonical: 'appid=wxd930ea5d5a258f4f&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key={secret}',
  signature: SIGNATURE,
  wire: { method: 'POST', url: 'https://pay.test/pay/unifiedorder', headers: {}, body: BODY },
  ...extra,
});

describe('signature workbench', () => {
  it('previews a saved credential with only the fields changed in the form, and shows a match', async () => {
    const server = fakeServer(() => ({ status: 200, json: preview({ matches: true }) }));
    openDialog(server.fetch);
    fireEvent.click(screen.getByText('Edit'));
    fireEvent.change(screen.getByLabelText('App key'), { target: { value: 'k2' } });
    fillSample(` ${SIGNATURE.toLowerCase()} `);
    fireEvent.click(screen.getByTestId('signature-compute'));
    const state = await screen.findByTestId('signature-match');
    expect(server.previews).toEqual([
      {
        credentialId: 'pay-md5',
        // The secret is not typed: the server uses the saved one. Unchanged fields are not sent.
        data: { appKey: 'k2' },
        request: {
          method: 'POST',
          url: 'https://pay.test/pay/unifiedorder',
          headers: { 'X-Request-Id': '42' },
          body: JSON.parse(BODY),
        },
        expected: SIGNATURE.toLowerCase(),
      },
    ]);
    expect(state.dataset.state).toBe('match');
    expect(state.textContent).toMatch(/^Match/);
    expect(screen.getByTestId('signature-canonical').textContent).toContain('&key={secret}');
    expect(screen.queryByTestId('signature-difference')).toBeNull();
  });

  it('signs a new credential with the secret as typed and highlights the first difference', async () => {
    const server = fakeServer(() => ({
      status: 200,
      json: preview({ matches: false, firstDifference: 6 }),
    }));
    openDialog(server.fetch);
    fireEvent.click(screen.getByText('+ New credential'));
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'signature' } });
    fireEvent.change(screen.getByLabelText(/^Secret/), { target: { value: 'typed-secret' } });
    fillSample(`9A0A86${'0'.repeat(26)}`);
    fireEvent.click(screen.getByLabelText('Raw text (signed byte for byte)'));
    fireEvent.click(screen.getByTestId('signature-compute'));
    const state = await screen.findByTestId('signature-match');
    expect(server.previews[0]).toMatchObject({
      kind: 'signature',
      data: { secret: 'typed-secret', sort: 'key-asc' },
      request: { rawBody: BODY },
    });
    expect(server.previews[0]).not.toHaveProperty('credentialId');
    expect(state.dataset.state).toBe('no-match');
    expect(state.textContent).toContain('character 7');
    const [computed, expected] = screen.getAllByTestId('signature-difference');
    expect(computed!.textContent).toBe(SIGNATURE.slice(6));
    expect(screen.getByTestId('signature-computed').textContent).toBe(SIGNATURE);
    expect(expected!.textContent).toBe('0'.repeat(26));
    expect(document.body.textContent).not.toContain('typed-secret');
  });

  it('shows a recipe the server cannot evaluate with its code and each pointer', async () => {
    const server = fakeServer(() => ({
      status: 422,
      json: {
        error: {
          code: 'JX_CREDENTIAL_INVALID',
          message: 'The recipe cannot be evaluated: /data/recipe/parts/1/template uses {nonce}.',
          details: {
            problems: [
              {
                pointer: '/data/recipe/parts/1/template',
                message: 'uses {nonce}, but the recipe has no nonce',
              },
            ],
          },
        },
      },
    }));
    openDialog(server.fetch);
    fireEvent.click(screen.getByText('Edit'));
    fillSample('');
    // A header line without a name is caught before anything is sent.
    fireEvent.change(screen.getByLabelText('Headers'), { target: { value: 'no colon here' } });
    fireEvent.click(screen.getByTestId('signature-compute'));
    expect(screen.getByText(/“no colon here” is not a header line/)).toBeTruthy();
    expect(server.previews).toEqual([]);
    fireEvent.change(screen.getByLabelText('Headers'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('signature-compute'));
    const failure = await screen.findByTestId('signature-failure');
    await waitFor(() => expect(server.previews).toHaveLength(1));
    expect(server.previews[0]).not.toHaveProperty('expected');
    expect(failure.textContent).toContain('JX_CREDENTIAL_INVALID');
    expect(failure.querySelector('li')?.textContent).toBe(
      '/data/recipe/parts/1/template uses {nonce}, but the recipe has no nonce',
    );
  });
});
