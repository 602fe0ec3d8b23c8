import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CaseResult, FlowTestFile } from '../api/flow-test-types.ts';

/** What the Tests panel knows about the open flow's tests. */
export interface TestsState {
  /** The flow the state belongs to; a different open flow means nothing here applies. */
  flowId: string | null;
  /** The test file as last loaded or saved (`null`: the flow has none yet). */
  file: FlowTestFile | null;
  loaded: boolean;
  /** The last result of each case, by case name. */
  results: Record<string, CaseResult>;
  /** Case names running now (`*` while all run). */
  running: string[];
  /** A failure to load or run, as `CODE: sentence`. */
  error: string | null;
}

/** The tests state of one editor. */
export type TestsStore = StoreApi<TestsState>;

const EMPTY: TestsState = { flowId: null, file: null, loaded: false, results: {}, running: [], error: null };

const stores = new WeakMap<object, TestsStore>();

/**
 * The tests store of one editor instance (keyed by its editor store), so the panel keeps its results
 * while another tab is shown and the canvas can mark the nodes the last run's failures name.
 */
export function testsStoreOf(editor: object): TestsStore {
  let store = stores.get(editor);
  if (!store) {
    store = createStore<TestsState>()(() => ({ ...EMPTY }));
    stores.set(editor, store);
  }
  return store;
}

/** Starts over for another flow (nothing loaded, no results). */
export function resetTests(store: TestsStore, flowId: string): void {
  store.setState({ ...EMPTY, flowId });
}

/** Records results of a run, keeping earlier results of cases that did not run this time. */
export function recordResults(store: TestsStore, results: readonly CaseResult[]): void {
  const next = { ...store.getState().results };
  for (const result of results) next[result.name] = result;
  store.setState({ results: next });
}
