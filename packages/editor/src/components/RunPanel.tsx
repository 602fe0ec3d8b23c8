import { useEffect, useState } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import type { NodeRunInfo } from '../run/run-state.ts';
import { loadPinned, loadTestInput, pinOutput, saveTestInput } from '../run/test-input.ts';
import {
  selectDocument,
  selectProblems,
  selectRun,
  selectSingleNodeId,
  selectUi,
} from '../store/selectors.ts';
import { JsonTextField } from './JsonTextField.tsx';
import { JsonView } from './JsonView.tsx';
import { ProblemList } from './ProblemList.tsx';

function NodeDetail({ flowId, nodeId, info }: { flowId: string; nodeId: string; info: NodeRunInfo }) {
  const [pinned, setPinned] = useState(() => nodeId in loadPinned(flowId));
  useEffect(() => setPinned(nodeId in loadPinned(flowId)), [flowId, nodeId]);
  const togglePin = () => {
    pinOutput(flowId, nodeId, pinned ? undefined : info.output);
    setPinned(!pinned);
  };
  return (
    <div className="jx-run-detail" data-testid="run-detail">
      <header>
        <strong>{nodeId}</strong>
        <span className={`jx-badge status-${info.status}`}>{info.status}</span>
        <span className="jx-muted">
          {info.attempts} attempt{info.attempts === 1 ? '' : 's'}
          {typeof info.durationMs === 'number' && ` · ${info.durationMs} ms`}
        </span>
        {(info.output || pinned) && (
          <button
            type="button"
            className={`jx-button jx-pin ${pinned ? 'is-pinned' : ''}`}
            onClick={togglePin}
            title="Pinned nodes do not run in test runs; their pinned output is used instead (saves calling a supplier again)."
          >
            {pinned ? 'Unpin output' : 'Pin this output'}
          </button>
        )}
      </header>
      {info.wait && (
        <p className="jx-wait" data-testid="run-wait">
          Waiting on channel <code>{info.wait.channel ?? '—'}</code> for key{' '}
          <code>{info.wait.key ?? '—'}</code>
          {info.wait.deadline && ` until ${new Date(info.wait.deadline).toLocaleString()}`}
        </p>
      )}
      {info.error && (
        <section>
          <h4>Error</h4>
          <JsonView value={info.error} label="Error" />
        </section>
      )}
      <section>
        <h4>Output</h4>
        {info.output ? (
          <JsonView value={info.output} label="Output" />
        ) : (
          <p className="jx-muted">No output.</p>
        )}
      </section>
      <section>
        <h4>Input</h4>
        {info.input !== undefined ? (
          <JsonView value={info.input} openDepth={1} label="Input" />
        ) : (
          <p className="jx-muted">No input recorded.</p>
        )}
      </section>
    </div>
  );
}

function TestInputEditor({ flowId }: { flowId: string }) {
  const [value, setValue] = useState(() => loadTestInput(flowId));
  return (
    <div className="jx-pad">
      <p className="jx-help">
        The trigger payload for test runs (e.g. a webhook body), as JSON. Kept in this browser, not in the
        flow.
      </p>
      <JsonTextField
        rows={6}
        value={value}
        onChange={(next) => {
          setValue(next);
          saveTestInput(flowId, next);
        }}
      />
    </div>
  );
}

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
            <ol className="jx-run-steps" data-testid="run-steps">
              {run.order.map((nodeId) => {
                const info = run.nodes[nodeId]!;
                const name = document.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;
                return (
                  <li key={nodeId}>
                    <button
                      type="button"
                      className={nodeId === focusId ? 'is-active' : ''}
                      onClick={() => {
                        setPicked(nodeId);
                        store.getState().select({ nodes: [nodeId], edges: [], notes: [] });
                      }}
                    >
                      <span className={`jx-dot status-${info.status}`} />
                      <span>{name}</span>
                      <span className="jx-muted">
                        {typeof info.durationMs === 'number' ? `${info.durationMs} ms` : info.status}
                      </span>
                    </button>
                  </li>
                );
              })}
              {run.error && (
                <li className="jx-error">
                  {run.error.code}: {run.error.message}
                </li>
              )}
            </ol>
            {focusId && run.nodes[focusId] ? (
              <NodeDetail flowId={document.id} nodeId={focusId} info={run.nodes[focusId]} />
            ) : (
              <p className="jx-muted jx-pad">Waiting for the first node…</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
