import type { FlowDocument } from '../document/flow-types.ts';
import { errorSentence } from '../i18n/error-sentence.ts';
import { nodeStatusLabel } from '../i18n/status-labels.ts';
import { useT } from '../i18n/useT.ts';
import type { RunView } from '../run/run-state.ts';

/** Props of {@link RunStepList}. */
export interface RunStepListProps {
  run: RunView;
  /** Names the steps; a node the document no longer has is shown by its id. */
  document: FlowDocument;
  focusId: string | undefined;
  onPick(nodeId: string): void;
}

/** The timeline of a run: one button per node in the order it started, then the run's error. */
export function RunStepList({ run, document, focusId, onPick }: RunStepListProps) {
  const i18n = useT();
  return (
    <ol className="jx-run-steps" data-testid="run-steps">
      {run.order.map((nodeId) => {
        const info = run.nodes[nodeId]!;
        const name = document.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;
        return (
          <li key={nodeId}>
            <button
              type="button"
              className={nodeId === focusId ? 'is-active' : ''}
              onClick={() => onPick(nodeId)}
            >
              <span className={`jx-dot status-${info.status}`} />
              <span>{name}</span>
              <span className="jx-muted">
                {typeof info.durationMs === 'number'
                  ? `${i18n.number(info.durationMs)} ms`
                  : nodeStatusLabel(i18n, info.status)}
              </span>
            </button>
          </li>
        );
      })}
      {run.error && (
        <li className="jx-error">
          <code>{run.error.code}</code> {errorSentence(run.error, i18n)}
        </li>
      )}
    </ol>
  );
}
