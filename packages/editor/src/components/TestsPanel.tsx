import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { CaseResult, ExpectationFailure } from '../api/flow-test-types.ts';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { runStatusLabel } from '../i18n/status-labels.ts';
import { useT } from '../i18n/useT.ts';
import { selectDocument } from '../store/selectors.ts';
import { caseDescription } from '../tests-panel/case-description.ts';
import { failureNodeId } from '../tests-panel/failure-marks.ts';
import { failureSentence } from '../tests-panel/failure-sentence.ts';
import { refreshTests, runTests } from '../tests-panel/tests-actions.ts';
import { testsStoreOf } from '../tests-panel/tests-store.ts';

/**
 * The Tests tab of the bottom panel: the open flow's cases with their last result, run all or one
 * against the open (unsaved) document, and each failure's sentence — a failure about a node selects
 * and centres that node (the canvas marks it too).
 */
export function TestsPanel() {
  const i18n = useT();
  const { t } = i18n;
  const { store, api } = useEditor();
  const tests = testsStoreOf(store);
  const document = useEditorState(selectDocument);
  const state = useStore(tests);
  const flow = useReactFlow();
  const flowId = document.id;
  useEffect(() => {
    void refreshTests(tests, api, flowId);
  }, [tests, api, flowId]);

  const showNode = (nodeId: string) => {
    store.getState().select({ nodes: [nodeId], edges: [], notes: [] });
    const node = flow.getNode(nodeId);
    if (node)
      flow.setCenter(node.position.x + 110, node.position.y + 40, {
        zoom: Math.max(flow.getZoom(), 0.9),
        duration: 300,
      });
  };
  const run = (names?: string[]) => void runTests(tests, api, store.getState().document, names);
  const busy = state.running.length > 0;
  const cases = state.flowId === flowId ? (state.file?.cases ?? []) : [];
  const results = cases.map((c) => state.results[c.name]).filter((r): r is CaseResult => !!r);
  const failed = results.filter((r) => !r.passed).length;
  const nodeIds = new Set(document.nodes.map((n) => n.id));

  const failureLine = (caseName: string, failure: ExpectationFailure, index: number) => {
    const testCase = cases.find((c) => c.name === caseName);
    const nodeId = failureNodeId(failure, testCase, nodeIds);
    const node = nodeId ? document.nodes.find((n) => n.id === nodeId) : undefined;
    return (
      <li key={`${failure.pointer}-${index}`}>
        {nodeId ? (
          <button
            type="button"
            className="jx-test-failure"
            data-testid={`test-failure-${nodeId}`}
            onClick={() => showNode(nodeId)}
            title={t('testsPanel.showNode')}
          >
            <span className="jx-problem-where">{node?.name ?? nodeId}</span>
            <span>{failureSentence(failure, i18n)}</span>
          </button>
        ) : (
          <span className="jx-test-failure">
            <span className="jx-problem-where">{t('testsPanel.wholeRun')}</span>
            <span>{failureSentence(failure, i18n)}</span>
          </span>
        )}
      </li>
    );
  };

  return (
    <div className="jx-tests" data-testid="tests-panel">
      <div className="jx-row">
        <button
          type="button"
          className="jx-button is-primary"
          disabled={busy || !cases.length}
          onClick={() => run()}
          data-testid="run-all-tests"
        >
          {busy ? t('testsPanel.running') : t('testsPanel.runAll')}
        </button>
        <button type="button" className="jx-button" onClick={() => void refreshTests(tests, api, flowId)}>
          {t('testsPanel.reload')}
        </button>
        {results.length > 0 && (
          <span className={`jx-badge status-${failed ? 'failed' : 'succeeded'}`} data-testid="tests-summary">
            {failed
              ? t('testsPanel.summaryFailed', { failed, total: results.length })
              : t('testsPanel.summaryPassed', { total: results.length })}
          </span>
        )}
      </div>
      {state.error && (
        <p className="jx-error" role="alert">
          {state.error}
        </p>
      )}
      {state.loaded && !cases.length && <p className="jx-muted jx-pad">{t('testsPanel.noCases')}</p>}
      <ul className="jx-test-cases">
        {cases.map((c) => {
          const result = state.results[c.name];
          const verdict = !result ? 'not-run' : result.passed ? 'passed' : 'failed';
          return (
            <li key={c.name} data-testid="test-case" data-verdict={verdict}>
              <div className="jx-row">
                <strong>{c.name}</strong>
                <span
                  className={`jx-badge status-${verdict === 'passed' ? 'succeeded' : verdict}`}
                  data-testid="test-case-verdict"
                >
                  {t(`testsPanel.verdict.${verdict}`)}
                </span>
                {result && (
                  <span className="jx-muted">
                    {t('testsPanel.runEnded', { status: runStatusLabel(i18n, result.status) })}
                  </span>
                )}
                <button
                  type="button"
                  className="jx-button"
                  disabled={busy}
                  onClick={() => run([c.name])}
                  aria-label={t('testsPanel.runOne', { name: c.name })}
                >
                  {state.running.includes(c.name) ? t('testsPanel.running') : t('testsPanel.run')}
                </button>
              </div>
              {c.description && <p className="jx-muted">{caseDescription(c.description, i18n)}</p>}
              {result && !result.passed && (
                <ul className="jx-test-failures">
                  {result.failures.map((f, i) => failureLine(c.name, f, i))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
