import type { ApiClient } from '../api/api-client.ts';
import type { RunNodeDetail, RunRecord } from '../api/api-types.ts';
import { isProduction, selectedEnvironment } from '../environments/selected-environment.ts';
import { EditorError } from '../errors/editor-error.ts';
import { translator } from '../i18n/i18n.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { applyRunDetail, applyRunEvent, isSettled, startingRun } from './run-state.ts';
import { nodesBeyondStop } from './stop-after.ts';

/** Options of a test run. */
export interface TestRunOptions {
  stopAfter?: string;
  input?: unknown;
  /** Outputs used instead of running these nodes. */
  pinned?: Record<string, unknown>;
  token?: string;
  /** How often a waiting run is checked for a resume (doubling up to 5 s). Default 500 ms. */
  waitPollMs?: number;
  /** Stop watching a run that is still waiting after this long. Default 10 minutes. */
  watchLimitMs?: number;
  /** Where it runs; default the editor's selected environment. */
  environment?: string;
  /** Asked before a test run in production (default: the browser's confirm dialog). */
  confirmProduction?: (environment: string) => boolean;
}

let active: AbortController | undefined;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Starts a test run of the current (unsaved) document and follows it until it finishes: live over
 * SSE while it runs; while it waits for a callback (the server ends the stream then) it checks the
 * run now and then and follows the stream again once a callback resumed it. So a flow that awaits a
 * supplier's callback shows its success without the user doing anything. A new run stops following
 * the previous one.
 */
export async function startTestRun(
  store: EditorStore,
  api: ApiClient,
  options: TestRunOptions = {},
): Promise<string | undefined> {
  // A test run in production signs with production credentials: only after an explicit yes.
  const environment = options.environment ?? selectedEnvironment();
  const confirm =
    options.confirmProduction ??
    ((name: string) => globalThis.confirm(translator().t('environment.confirmProductionTestRun', { name })));
  if (isProduction(environment) && !confirm(environment)) return undefined;
  active?.abort();
  const controller = new AbortController();
  active = controller;
  const { document } = store.getState();
  const body: Record<string, unknown> = { flow: document, environment };
  if (isProduction(environment)) body.confirmProduction = true;
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
  const notRun = options.stopAfter ? nodesBeyondStop(document, options.stopAfter) : undefined;
  store.getState().setRun(startingRun(runId, notRun));
  const query = options.token ? `?access_token=${encodeURIComponent(options.token)}` : '';
  const mine = () => store.getState().run?.runId === runId;

  const followStream = async (): Promise<void> => {
    const stream = new AbortController();
    const stop = () => stream.abort();
    controller.signal.addEventListener('abort', stop);
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
          if (run?.runId === runId && isSettled(run)) stream.abort();
        },
        stream.signal,
      );
    } finally {
      controller.signal.removeEventListener('abort', stop);
    }
  };

  const readDetail = async (): Promise<RunRecord | undefined> => {
    try {
      const detail = await api.request<{ run: RunRecord; nodes: RunNodeDetail[] }>(
        'GET',
        `/api/runs/${encodeURIComponent(runId)}`,
      );
      store
        .getState()
        .setRun((run) => (run?.runId === runId ? applyRunDetail(run, detail.run, detail.nodes ?? []) : run));
      return detail.run;
    } catch {
      // The stream already told us what happened; the detail only refines it.
      return undefined;
    }
  };

  const until = Date.now() + (options.watchLimitMs ?? 600_000);
  try {
    for (;;) {
      await followStream();
      if (controller.signal.aborted || !mine()) break;
      let record = await readDetail();
      let pause = options.waitPollMs ?? 500;
      while (record?.status === 'waiting' && Date.now() < until && !controller.signal.aborted && mine()) {
        await sleep(pause, controller.signal);
        pause = Math.min(pause * 2, 5000);
        record = await readDetail();
      }
      // Resumed (a callback or a deadline): follow it live again; otherwise it is over.
      if (record?.status !== 'running' || controller.signal.aborted || !mine() || Date.now() >= until) break;
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') {
      store
        .getState()
        .notify(
          'error',
          translator().t('run.streamLost', { reason: (error as Error).message }),
          'JX_EDITOR_STREAM_LOST',
        );
    }
  }
  if (active === controller) active = undefined;
  return runId;
}
