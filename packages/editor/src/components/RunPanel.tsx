import { useState } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import {
  selectDocument,
  selectProblems,
  selectRun,
  selectSingleNodeId,
  selectUi,
} from '../store/selectors.ts';
import { ProblemList } from './ProblemList.tsx';
import { RunStepDetail } from './RunStepDetail.tsx';
import { RunStepList } from './RunStepList.tsx';
import { TestInputEditor } from './TestInputEditor.tsx';

/** The bottom panel: the live test run (per-node status and data) and the problem list. */
export function RunPanel() {
  const { store } = useEditor();
  const ui = useEditorState(selectUi);
  const run = useEditorState(selectRun);
  const problems = useEditorState(selectProblems);
  const document = useEditorState(selectDocument);
  const selectedNode = useEditorState(selectSingleNodeId);
  const [picked, setPicked] = useState<string | null>(null);
  const focusId =
    selectedNode && run?.nodes[selectedNode]
      ? selectedNode
      : picked && run?.nodes[picked]
        ? picked
        : run?.order.at(-1);
  const tab = (name: 'run' | 'problems' | 'input', label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={ui.bottomTab === name}
      className={ui.bottomTab === name ? 'is-active' : ''}
      onClick={() => store.getState().setUi({ bottomTab: name })}
    >
      {label}
    </button>
  );
  return (
    <section className="jx-run-panel nokey" aria-label="Run panel">
      <div className="jx-tabs" role="tablist">
        {tab('run', run ? `Test run · ${run.status}` : 'Test run')}
        {tab('problems', `Problems${problems.length ? ` (${problems.length})` : ''}`)}
        {tab('input', 'Test input')}
        {run && <span className="jx-muted jx-run-id">run {run.runId}</span>}
      </div>
      <div className="jx-tab-body">
        {ui.bottomTab === 'input' ? (
          <TestInputEditor key={document.id} flowId={document.id} />
        ) : ui.bottomTab === 'problems' ? (
          <ProblemList />
        ) : !run ? (
          <p className="jx-muted jx-pad">
            Press ▶ Test run (Ctrl/⌘+Enter) to run this flow on the server. Select a node and use “Run to
            here” to run part of it.
          </p>
        ) : (
          <div className="jx-run">
            <RunStepList
              run={run}
              document={document}
              focusId={focusId}
              onPick={(nodeId) => {
                setPicked(nodeId);
                store.getState().select({ nodes: [nodeId], edges: [], notes: [] });
              }}
            />
            {focusId && run.nodes[focusId] ? (
              <RunStepDetail flowId={document.id} nodeId={focusId} info={run.nodes[focusId]} />
            ) : (
              <p className="jx-muted jx-pad">Waiting for the first node…</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
