import { useEditor } from '../app/editor-context.ts';
import type { FlowNode, OnError, RetryPolicy } from '../document/flow-types.ts';

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoff: 'exponential', delayMs: 500, jitter: 0.2 };

const numberOrUndefined = (text: string) => (text === '' ? undefined : Number(text));

/** Retry policy, timeout, on-error handling, disabled flag and notes of a node. */
export function NodeBehaviour({ node, hasErrorPort }: { node: FlowNode; hasErrorPort: boolean }) {
  const { commands } = useEditor();
  const update = (patch: Partial<FlowNode>, label: string, key: string) =>
    commands.updateNode(node.id, patch, label, `${node.id}/${key}`);
  const retry = node.retry;
  const setRetry = (patch: Partial<RetryPolicy>) =>
    update({ retry: { ...(retry ?? DEFAULT_RETRY), ...patch } }, 'Edit retry', 'retry');
  return (
    <div className="jx-form">
      <div className="jx-field jx-inline" data-pointer="/retry">
        <label>
          <input
            type="checkbox"
            checked={!!retry}
            onChange={(e) =>
              update({ retry: e.target.checked ? DEFAULT_RETRY : undefined }, 'Toggle retry', 'retry-toggle')
            }
          />{' '}
          Retry on failure
        </label>
      </div>
      {retry && (
        <div className="jx-grid">
          <div className="jx-field" data-pointer="/retry/maxAttempts">
            <label htmlFor="jx-retry-attempts">Attempts</label>
            <input
              id="jx-retry-attempts"
              type="number"
              min={1}
              value={retry.maxAttempts}
              onChange={(e) => setRetry({ maxAttempts: Math.max(1, Number(e.target.value) || 1) })}
            />
          </div>
          <div className="jx-field" data-pointer="/retry/backoff">
            <label htmlFor="jx-retry-backoff">Backoff</label>
            <select
              id="jx-retry-backoff"
              value={retry.backoff}
              onChange={(e) => setRetry({ backoff: e.target.value as RetryPolicy['backoff'] })}
            >
              <option value="exponential">Exponential</option>
              <option value="fixed">Fixed</option>
            </select>
          </div>
          <div className="jx-field" data-pointer="/retry/delayMs">
            <label htmlFor="jx-retry-delay">First delay (ms)</label>
            <input
              id="jx-retry-delay"
              type="number"
              min={0}
              value={retry.delayMs}
              onChange={(e) => setRetry({ delayMs: Math.max(0, Number(e.target.value) || 0) })}
            />
          </div>
          <div className="jx-field" data-pointer="/retry/jitter">
            <label htmlFor="jx-retry-jitter">Jitter (0–1)</label>
            <input
              id="jx-retry-jitter"
              type="number"
              min={0}
              max={1}
              step={0.1}
              value={retry.jitter ?? 0}
              onChange={(e) => setRetry({ jitter: Math.min(1, Math.max(0, Number(e.target.value) || 0)) })}
            />
          </div>
        </div>
      )}
      <div className="jx-field" data-pointer="/timeoutMs">
        <label htmlFor="jx-timeout">Timeout (ms)</label>
        <input
          id="jx-timeout"
          type="number"
          min={1}
          placeholder="No limit"
          value={node.timeoutMs ?? ''}
          onChange={(e) =>
            update({ timeoutMs: numberOrUndefined(e.target.value) }, 'Edit timeout', 'timeout')
          }
        />
      </div>
      <div className="jx-field" data-pointer="/onError">
        <label htmlFor="jx-on-error">When it fails</label>
        <select
          id="jx-on-error"
          value={node.onError ?? 'fail'}
          onChange={(e) =>
            update(
              { onError: e.target.value === 'fail' ? undefined : (e.target.value as OnError) },
              'Edit on-error',
              'onError',
            )
          }
        >
          <option value="fail">Fail the run</option>
          <option value="continue">Continue with null</option>
          <option value="route">Send the error to the “error” output</option>
        </select>
        {node.onError === 'route' && !hasErrorPort && (
          <p className="jx-error">This node type has no “error” output to route to.</p>
        )}
      </div>
      <div className="jx-field jx-inline" data-pointer="/disabled">
        <label>
          <input
            type="checkbox"
            checked={node.disabled === true}
            onChange={(e) =>
              update({ disabled: e.target.checked || undefined }, 'Toggle disabled', 'disabled')
            }
          />{' '}
          Disabled (skipped when the flow runs)
        </label>
      </div>
      <div className="jx-field" data-pointer="/notes">
        <label htmlFor="jx-notes">Notes</label>
        <textarea
          id="jx-notes"
          rows={2}
          value={node.notes ?? ''}
          onChange={(e) => update({ notes: e.target.value || undefined }, 'Edit notes', 'notes')}
        />
      </div>
    </div>
  );
}
