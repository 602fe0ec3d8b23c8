import { useEditor } from '../app/editor-context.ts';
import type { FlowNode, NodeExpressionLimits, OnError, RetryPolicy } from '../document/flow-types.ts';
import { useT } from '../i18n/useT.ts';

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoff: 'exponential', delayMs: 500, jitter: 0.2 };

const numberOrUndefined = (text: string) => (text === '' ? undefined : Number(text));

/** A node's expression limits with its time limit set or cleared; no limits left → none at all. */
function withTimeout(
  limits: NodeExpressionLimits | undefined,
  timeoutMs: number | undefined,
): NodeExpressionLimits | undefined {
  const { timeoutMs: _previous, ...others } = limits ?? {};
  const next = timeoutMs === undefined ? others : { ...others, timeoutMs };
  return Object.keys(next).length > 0 ? next : undefined;
}

/** Retry policy, timeout, expression time limit, on-error handling, disabled flag and notes of a node. */
export function NodeBehaviour({ node, hasErrorPort }: { node: FlowNode; hasErrorPort: boolean }) {
  const { t } = useT();
  const { commands } = useEditor();
  const update = (patch: Partial<FlowNode>, label: string, key: string) =>
    commands.updateNode(node.id, patch, label, `${node.id}/${key}`);
  const retry = node.retry;
  const setRetry = (patch: Partial<RetryPolicy>) =>
    update({ retry: { ...(retry ?? DEFAULT_RETRY), ...patch } }, t('nodeBehaviour.undoRetry'), 'retry');
  return (
    <div className="jx-form">
      <div className="jx-field jx-inline" data-pointer="/retry">
        <label>
          <input
            type="checkbox"
            checked={!!retry}
            onChange={(e) =>
              update(
                { retry: e.target.checked ? DEFAULT_RETRY : undefined },
                t('nodeBehaviour.undoRetryToggle'),
                'retry-toggle',
              )
            }
          />{' '}
          {t('nodeBehaviour.retryOnFailure')}
        </label>
      </div>
      {retry && (
        <div className="jx-grid">
          <div className="jx-field" data-pointer="/retry/maxAttempts">
            <label htmlFor="jx-retry-attempts">{t('nodeBehaviour.attempts')}</label>
            <input
              id="jx-retry-attempts"
              type="number"
              min={1}
              value={retry.maxAttempts}
              onChange={(e) => setRetry({ maxAttempts: Math.max(1, Number(e.target.value) || 1) })}
            />
          </div>
          <div className="jx-field" data-pointer="/retry/backoff">
            <label htmlFor="jx-retry-backoff">{t('nodeBehaviour.backoff')}</label>
            <select
              id="jx-retry-backoff"
              value={retry.backoff}
              onChange={(e) => setRetry({ backoff: e.target.value as RetryPolicy['backoff'] })}
            >
              <option value="exponential">{t('nodeBehaviour.exponential')}</option>
              <option value="fixed">{t('nodeBehaviour.fixed')}</option>
            </select>
          </div>
          <div className="jx-field" data-pointer="/retry/delayMs">
            <label htmlFor="jx-retry-delay">{t('nodeBehaviour.firstDelayMs')}</label>
            <input
              id="jx-retry-delay"
              type="number"
              min={0}
              value={retry.delayMs}
              onChange={(e) => setRetry({ delayMs: Math.max(0, Number(e.target.value) || 0) })}
            />
          </div>
          <div className="jx-field" data-pointer="/retry/jitter">
            <label htmlFor="jx-retry-jitter">{t('nodeBehaviour.jitter01')}</label>
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
        <label htmlFor="jx-timeout">{t('nodeBehaviour.timeoutMs')}</label>
        <input
          id="jx-timeout"
          type="number"
          min={1}
          placeholder={t('nodeBehaviour.noLimit')}
          value={node.timeoutMs ?? ''}
          onChange={(e) =>
            update(
              { timeoutMs: numberOrUndefined(e.target.value) },
              t('nodeBehaviour.undoTimeout'),
              'timeout',
            )
          }
        />
      </div>
      <div className="jx-field" data-pointer="/expressionLimits/timeoutMs">
        <label htmlFor="jx-expression-timeout">{t('nodeBehaviour.expressionTimeoutMs')}</label>
        <input
          id="jx-expression-timeout"
          type="number"
          min={1}
          placeholder={t('nodeBehaviour.serverLimit')}
          value={node.expressionLimits?.timeoutMs ?? ''}
          onChange={(e) =>
            update(
              { expressionLimits: withTimeout(node.expressionLimits, numberOrUndefined(e.target.value)) },
              t('nodeBehaviour.undoExpressionTimeout'),
              'expressionTimeout',
            )
          }
        />
        <p className="jx-help">{t('nodeBehaviour.expressionTimeoutHint')}</p>
      </div>
      <div className="jx-field" data-pointer="/onError">
        <label htmlFor="jx-on-error">{t('nodeBehaviour.whenItFails')}</label>
        <select
          id="jx-on-error"
          value={node.onError ?? 'fail'}
          onChange={(e) =>
            update(
              { onError: e.target.value === 'fail' ? undefined : (e.target.value as OnError) },
              t('nodeBehaviour.undoOnError'),
              'onError',
            )
          }
        >
          <option value="fail">{t('nodeBehaviour.failTheRun')}</option>
          <option value="continue">{t('nodeBehaviour.continueWithNull')}</option>
          <option value="route">{t('nodeBehaviour.sendTheErrorTo')}</option>
        </select>
        {node.onError === 'route' && !hasErrorPort && (
          <p className="jx-error">{t('nodeBehaviour.thisNodeTypeHas')}</p>
        )}
      </div>
      <div className="jx-field jx-inline" data-pointer="/disabled">
        <label>
          <input
            type="checkbox"
            checked={node.disabled === true}
            onChange={(e) =>
              update({ disabled: e.target.checked || undefined }, t('nodeBehaviour.undoDisabled'), 'disabled')
            }
          />{' '}
          {t('nodeBehaviour.disabledSkippedWhenThe')}
        </label>
      </div>
      <div className="jx-field" data-pointer="/notes">
        <label htmlFor="jx-notes">{t('nodeBehaviour.notes')}</label>
        <textarea
          id="jx-notes"
          rows={2}
          value={node.notes ?? ''}
          onChange={(e) =>
            update({ notes: e.target.value || undefined }, t('nodeBehaviour.undoNotes'), 'notes')
          }
        />
      </div>
    </div>
  );
}
