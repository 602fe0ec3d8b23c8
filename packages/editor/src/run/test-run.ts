import type { ApiClient } from '../api/api-client.ts';
import type { RunNodeDetail, RunRecord } from '../api/api-types.ts';
import { EditorError } from '../errors/editor-error.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { applyRunDetail, applyRunEvent, isSettled, startingRun } from './run-state.ts';

/** Options of a test run. */
export interface TestRunOptions {
  /** Run only up to (and including) this node. */
  stopAfter?: string;
  input?: unknown;
  /** Outputs used instead of running these nodes. */
  pinned?: Record<string, unknown>;
  token?: string;
}

let active: AbortController | undefined;

/**
 * Starts a test run of the current (unsaved) document and follows it over SSE until it settles, then
 * reads the run's detail once so the panel shows the server's final word. A new run stops following
 * the previous one.
 */
export async function startTestRun(
  store: EditorStore,
  api: ApiClient,
  options: TestRunOptions = {},
): Promise<string | undefined> {
  active?.abort();
  const controller = new AbortController();
  active = controller;
  const { document } = store.getState();
  const body: Record<string, unknown> = { flow: document };
  if (options.stopAfter) body.stopAfter = options.stopAfter;
  if (options.input !== undefined) body.input = options.input;
  if (options.pinned && Object.keys(options.pinned).length) body.pinned = options.pinned;
  store.getState().setUi({ bottomTab: 'run' });
  let runId: string;
  try {
    ({ runId } = await api.request<{ runId: string }>('POST', '/api/test-runs', body));
  } catch (error) {
    const known = error instanceof EditorError;
    store
      .getState()
      .notify('error', known ? error.message : String(error), known ? error.code : 'JX_EDITOR_RUN_FAILED');
    return undefined;
  }
  store.getState().setRun(startingRun(runId));
  const query = options.token ? `?access_token=${encodeURIComponent(options.token)}` : '';
  try {
    await api.stream(
      `/api/runs/${encodeURIComponent(runId)}/events${query}`,
      (message) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        store
          .getState()
          .setRun((run) => (run?.runId === runId ? applyRunEvent(run, message.event, data) : run));
        const run = store.getState().run;
        if (run?.runId === runId && isSettled(run)) controller.abort();
      },
      controller.signal,
    );
  } catch (error) {
    if ((error as Error).name !== 'AbortError') {
      store
        .getState()
        .notify('error', `Lost the live run stream: ${(error as Error).message}`, 'JX_EDITOR_STREAM_LOST');
    }
  }
  try {
    const detail = await api.request<{ run: RunRecord; nodes: RunNodeDetail[] }>(
      'GET',
      `/api/runs/${encodeURIComponent(runId)}`,
    );
    store
      .getState()
      .setRun((run) => (run?.runId === runId ? applyRunDetail(run, detail.run, detail.nodes ?? []) : run));
  } catch {
    // The stream already told us what happened; the detail only refines it.
  }
  return runId;
}
