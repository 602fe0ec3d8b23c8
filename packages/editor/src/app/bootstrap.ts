import { createApiClient } from '../api/api-client.ts';
import { takeToken } from '../api/token.ts';
import { randomId } from '../document/ids.ts';
import { EditorError } from '../errors/editor-error.ts';
import { translator } from '../i18n/i18n.ts';
import { showRun } from '../run/show-run.ts';
import { createCommands } from '../store/commands.ts';
import type { UiState } from '../store/editor-state.ts';
import { createEditorStore, DEFAULT_UI, emptyDocument } from '../store/editor-store.ts';
import { loadCompiledValidators } from '../validation/load-compiled-validators.ts';
import type { EditorServices } from './editor-context.ts';
import { loadCatalogue, openFlow, report } from './flow-actions.ts';

const UI_KEY = 'junction.ui';

function storedUi(): Partial<UiState> {
  try {
    const saved = JSON.parse(localStorage.getItem(UI_KEY) ?? '{}') as Partial<UiState>;
    const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
    return { theme: prefersDark ? 'dark' : DEFAULT_UI.theme, ...saved, dialog: null };
  } catch {
    return {};
  }
}

/** The running editor: its services plus the token getter the shell needs for SSE. */
export interface Editor extends EditorServices {
  token(): string | undefined;
  /** Loads node types, credentials and the flow named in `?flow=` (or starts a new one). */
  start(): Promise<void>;
}

/** Wires one editor instance: token, API client, store, commands, persisted layout. */
export function createEditor(): Editor {
  let token = takeToken();
  const api = createApiClient({ token: () => token });
  const store = createEditorStore({ ui: storedUi() });
  store.subscribe((state, previous) => {
    if (state.ui === previous.ui) return;
    const { dialog: _dialog, ...persisted } = state.ui;
    localStorage.setItem(UI_KEY, JSON.stringify(persisted));
  });
  const commands = createCommands(store);
  return {
    store,
    api,
    commands,
    token: () => token,
    async start() {
      token = takeToken();
      const params = new URLSearchParams(location.search);
      const flowId = params.get('flow');
      const runId = params.get('run');
      // Before the catalogue: the first validation must find the compiled validators.
      await loadCompiledValidators(token);
      try {
        await loadCatalogue(store, api);
      } catch (error) {
        if (error instanceof EditorError && error.details.status === 401) {
          store.getState().setUi({ dialog: 'token' });
          return;
        }
        report(store, error);
      }
      if (flowId) {
        try {
          await openFlow(store, api, flowId);
        } catch (error) {
          const missing = error instanceof EditorError && error.details.status === 404;
          if (!missing) report(store, error);
          store.getState().load(emptyDocument(flowId, translator().t('flow.new')), null);
          // Say so instead of silently starting a new flow under a mistyped id.
          if (missing) store.getState().setNotFound(flowId);
          return;
        }
        if (runId) await showRun(store, api, runId).catch((error: unknown) => report(store, error));
        // Alert notifications link to `?flow=<id>&view=runs`: the server dialog opens on that tab.
        else if (params.get('view')) store.getState().setUi({ dialog: 'history' });
        return;
      }
      const id = randomId('flow-');
      store.getState().load(emptyDocument(id, translator().t('flow.new')), null);
      history.replaceState(null, '', `?flow=${encodeURIComponent(id)}${location.hash}`);
    },
  };
}
