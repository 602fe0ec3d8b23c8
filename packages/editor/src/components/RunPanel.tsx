import { useState } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { useT } from '../i18n/useT.ts';
import { isSettled } from '../run/run-state.ts';
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
import { SaveAsTest } from './SaveAsTest.tsx';
import { TestInputEditor } from './TestInputEditor.tsx';
import { TestsPanel } from './TestsPanel.tsx';

/** The bottom panel: the live test run (per-node status and data) and the problem list. */
export function RunPanel() {
  const { t, lookup } = useT();
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
  const tab = (name: 'run' | 'problems' | 'input' | 'tests', label: string) => (
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
    <section className="jx-run-panel nokey" aria-label={t('runPanel.runPanel')}>
      <div className="jx-tabs" role="tablist">
        {tab(
          'run',
          run
            ? t('runPanel.testRunStatusTab', { status: lookup(`runStatus.${run.status}`) ?? run.status })
            : t('runPanel.testRunTab'),
        )}
        {tab('problems', t('runPanel.problemsTab', { count: problems.length }))}
        {tab('input', t('runPanel.testInputTab'))}
        {tab('tests', t('runPanel.testsTab'))}
        {run && (
          <span className="jx-muted jx-run-id">
            {t('runPanel.run')} {run.runId}
          </span>
        )}
        {run && isSettled(run) && (
          <SaveAsTest
            key={run.runId}
            flowId={document.id}
            runId={run.runId}
            onSaved={() => store.getState().setUi({ bottomTab: 'tests' })}
          />
        )}
      </div>
      <div className="jx-tab-body">
        {ui.bottomTab === 'tests' ? (
          <TestsPanel />
        ) : ui.bottomTab === 'input' ? (
          <TestInputEditor key={document.id} flowId={document.id} />
        ) : ui.bottomTab === 'problems' ? (
          <ProblemList />
        ) : !run ? (
          <p className="jx-muted jx-pad">{t('runPanel.pressTestRunCtrl')}</p>
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
              <p className="jx-muted jx-pad">{t('runPanel.waitingForTheFirst')}</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
