import { useEffect, useState } from 'react';
import type { NodeRunInfo } from '../run/run-state.ts';
import { loadPinned, pinOutput } from '../run/test-input.ts';
import { JsonView } from './JsonView.tsx';

/** Props of {@link RunStepDetail}. */
export interface RunStepDetailProps {
  flowId: string;
  nodeId: string;
  info: NodeRunInfo;
}

/**
 * One node of a run: status, attempts, duration, wait channel and key, error, output and input, and
 * pinning its output for later test runs. Test runs and the run history show the same view.
 */
export function RunStepDetail({ flowId, nodeId, info }: RunStepDetailProps) {
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
      {info.wait && info.status === 'waiting' && (
        <p className="jx-wait" data-testid="run-wait">
          Waiting on channel <code>{info.wait.channel ?? '—'}</code> for key{' '}
          <code>{info.wait.key ?? '—'}</code>
          {info.wait.deadline && ` until ${new Date(info.wait.deadline).toLocaleString()}`}
        </p>
      )}
      {info.wait && info.status !== 'waiting' && (
        // The wait is over (resumed by a callback or its deadline): say what it waited for, not "until".
        <p className="jx-muted" data-testid="run-waited">
          Waited on channel <code>{info.wait.channel ?? '—'}</code> for key{' '}
          <code>{info.wait.key ?? '—'}</code>
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
