import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { selectDocument } from '../store/selectors.ts';
import { failuresByNode, type NodeTestFailure } from '../tests-panel/failure-marks.ts';
import { type TestsState, testsStoreOf } from '../tests-panel/tests-store.ts';

const selectResults = (s: TestsState) => s.results;
const selectFile = (s: TestsState) => s.file;
const selectFlowId = (s: TestsState) => s.flowId;

const NONE = new Map<string, NodeTestFailure[]>();

/** The last test results' failures by node of the open flow, for the canvas markers. */
export function useTestFailures(): Map<string, NodeTestFailure[]> {
  const { store } = useEditor();
  const tests = testsStoreOf(store);
  const results = useStore(tests, selectResults);
  const file = useStore(tests, selectFile);
  const flowId = useStore(tests, selectFlowId);
  const document = useEditorState(selectDocument);
  return useMemo(
    () => (flowId === document.id ? failuresByNode(Object.values(results), file, document) : NONE),
    [results, file, flowId, document],
  );
}
