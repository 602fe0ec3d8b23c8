import type { ApiClient } from '../api/api-client.ts';
import type {
  CredentialSummary,
  FlowResponse,
  NodeTypesResponse,
  ValidateResponse,
} from '../api/api-types.ts';
import { parseDocument, serializeDocument } from '../document/serialize.ts';
import { EditorError } from '../errors/editor-error.ts';
import { errorSentence } from '../i18n/error-sentence.ts';
import { translator } from '../i18n/i18n.ts';
import { computeLayout } from '../layout/auto-layout.ts';
import { hasOverlappingNodes } from '../layout/overlap.ts';
import type { EditorStore } from '../store/editor-store.ts';
import type { ValidationProblem } from '../validation/problem.ts';

/** Reports a failure as a notice; returns undefined so callers can `?? fallback`. */
export function report(store: EditorStore, error: unknown): undefined {
  const known = error instanceof EditorError;
  store.getState().notify('error', errorSentence(error), known ? error.code : 'JX_EDITOR_UNEXPECTED');
  return undefined;
}

/** Loads node types and credentials into the catalogue. Credentials are optional (the token may lack the scope). */
export async function loadCatalogue(store: EditorStore, api: ApiClient): Promise<void> {
  const types = await api.request<NodeTypesResponse>('GET', '/api/node-types');
  store.getState().setCatalogue({ nodeTypes: types.nodeTypes, credentialKinds: types.credentialKinds ?? [] });
  try {
    const { credentials } = await api.request<{ credentials: CredentialSummary[] }>(
      'GET',
      '/api/credentials',
    );
    store.getState().setCatalogue({ credentials, credentialsKnown: true });
  } catch {
    store.getState().setCatalogue({ credentials: [], credentialsKnown: false });
  }
}

/** Opens a flow stored on the server. */
export async function openFlow(store: EditorStore, api: ApiClient, id: string): Promise<FlowResponse> {
  const response = await api.request<FlowResponse>('GET', `/api/flows/${encodeURIComponent(id)}`);
  store.getState().load(response.flow, serializeDocument(response.flow));
  store.getState().requestFit();
  return response;
}

/** Saves the document. A 422 puts the server's problems in the problem list and opens it. */
export async function saveFlow(store: EditorStore, api: ApiClient): Promise<boolean> {
  const { document } = store.getState();
  try {
    await api.request('PUT', `/api/flows/${encodeURIComponent(document.id)}`, document);
    store.getState().markSaved(serializeDocument(document));
    store.getState().notify('info', `Saved “${document.name}”.`);
    return true;
  } catch (error) {
    const problems =
      error instanceof EditorError ? (error.details.problems as ValidationProblem[] | undefined) : undefined;
    if (problems) {
      store.getState().setProblems(problems);
      store.getState().setUi({ bottomTab: 'problems' });
    }
    report(store, error);
    return false;
  }
}

/** Asks the server to validate the document (the same checks it runs on save). */
export async function validateOnServer(
  store: EditorStore,
  api: ApiClient,
): Promise<ValidationProblem[] | undefined> {
  const { document } = store.getState();
  try {
    const { problems } = await api.request<ValidateResponse>(
      'POST',
      `/api/flows/${encodeURIComponent(document.id)}/validate`,
      document,
    );
    store.getState().setProblems(problems);
    store.getState().setUi({ bottomTab: 'problems' });
    store.getState().notify('info', translator().t('validate.found', { count: problems.length }));
    return problems;
  } catch (error) {
    return report(store, error);
  }
}

/**
 * Replaces the document with imported bytes as one undoable step. A document whose nodes cover each
 * other (e.g. all at one position) is laid out first, in the same step, so the import shows a flow.
 */
export async function importBytes(store: EditorStore, text: string): Promise<boolean> {
  try {
    let document = parseDocument(text);
    const overlapping = hasOverlappingNodes(document);
    if (overlapping) {
      const positions = await computeLayout(document);
      document = {
        ...document,
        nodes: document.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)),
      };
    }
    store.getState().dispatch([{ kind: 'replaceDocument', document }], translator().t('history.importFlow'));
    store.getState().requestFit();
    const laidOut = overlapping ? ' Its nodes overlapped, so they were laid out automatically.' : '';
    store
      .getState()
      .notify('info', `Imported “${document.name}” (${document.nodes.length} nodes).${laidOut}`);
    return true;
  } catch (error) {
    report(store, error);
    return false;
  }
}

/** Lays the flow out with elkjs as one undoable move. */
export async function autoLayout(
  store: EditorStore,
  sizes?: Map<string, { width: number; height: number }>,
): Promise<void> {
  const positions = await computeLayout(store.getState().document, sizes);
  store.getState().dispatch([{ kind: 'moveNodes', positions }], translator().t('history.autoLayout'));
}
