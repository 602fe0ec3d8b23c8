import type { ApiClient } from '../api/api-client.ts';
import type { CredentialSummary } from '../api/api-types.ts';
import type { EditorStore } from '../store/editor-store.ts';
import type { CredentialBody } from './credential-model.ts';

/** Re-reads `GET /api/credentials` into the catalogue (pickers and validation follow). */
export async function reloadCredentials(store: EditorStore, api: ApiClient): Promise<CredentialSummary[]> {
  const { credentials } = await api.request<{ credentials: CredentialSummary[] }>('GET', '/api/credentials');
  store.getState().setCatalogue({ credentials, credentialsKnown: true });
  return credentials;
}

/** Creates a credential and refreshes the list; the answer never carries secret values. */
export async function createCredential(
  store: EditorStore,
  api: ApiClient,
  body: CredentialBody,
): Promise<CredentialSummary> {
  const { credential } = await api.request<{ credential: CredentialSummary }>(
    'POST',
    '/api/credentials',
    body,
  );
  await reloadCredentials(store, api);
  return credential;
}

/** Updates a credential; secrets left out of `body.data` keep their stored value. */
export async function updateCredential(
  store: EditorStore,
  api: ApiClient,
  id: string,
  body: CredentialBody,
): Promise<CredentialSummary> {
  const { credential } = await api.request<{ credential: CredentialSummary }>(
    'PUT',
    `/api/credentials/${encodeURIComponent(id)}`,
    body,
  );
  await reloadCredentials(store, api);
  return credential;
}

/** Deletes a credential. Flows that still name it fail validation, which points at the node. */
export async function deleteCredential(store: EditorStore, api: ApiClient, id: string): Promise<void> {
  await api.request('DELETE', `/api/credentials/${encodeURIComponent(id)}`);
  await reloadCredentials(store, api);
}
