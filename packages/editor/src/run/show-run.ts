import type { ApiClient } from '../api/api-client.ts';
import type { RunNodeDetail, RunRecord } from '../api/api-types.ts';
import type { EditorStore } from '../store/editor-store.ts';
import { applyRunDetail, type RunView, startingRun } from './run-state.ts';

/** `GET /api/runs/:id`: the run and its per-node detail. */
export interface RunDetailResponse {
  run: RunRecord;
  nodes?: RunNodeDetail[];
}

/** The per-node view of a stored run, the same the test-run panel builds from its live stream. */
export function runViewOf(detail: RunDetailResponse): RunView {
  return applyRunDetail(startingRun(detail.run.id), detail.run, detail.nodes ?? []);
}

/** The address that opens a flow with a run's statuses on its canvas. */
export function runLink(flowId: string, runId: string): string {
  return `?flow=${encodeURIComponent(flowId)}&run=${encodeURIComponent(runId)}`;
}

/** Reads a stored run and shows it on the canvas and in the run panel, as if it were the last test run. */
export async function showRun(store: EditorStore, api: ApiClient, runId: string): Promise<RunView> {
  const detail = await api.request<RunDetailResponse>('GET', `/api/runs/${encodeURIComponent(runId)}`);
  const view = runViewOf(detail);
  store.getState().setRun(view);
  store.getState().setUi({ bottomTab: 'run' });
  return view;
}
