import { useEffect, useState } from 'react';
import { errorSentence } from '../i18n/error-sentence.ts';
import { nodeStatusLabel } from '../i18n/status-labels.ts';
import { useT } from '../i18n/useT.ts';
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
  const i18n = useT();
  const { t } = i18n;
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
        <span className={`jx-badge status-${info.status}`}>{nodeStatusLabel(i18n, info.status)}</span>
        <span className="jx-muted">
          {t('runStep.attempts', { count: info.attempts })}
          {typeof info.durationMs === 'number' && ` · ${info.durationMs} ms`}
        </span>
        {(info.output || pinned) && (
          <button
            type="button"
            className={`jx-button jx-pin ${pinned ? 'is-pinned' : ''}`}
            onClick={togglePin}
            title={t('runStep.pinHelp')}
          >
            {pinned ? t('runStep.unpin') : t('runStep.pin')}
          </button>
        )}
      </header>
      {info.wait && info.status === 'waiting' && (
        <p className="jx-wait" data-testid="run-wait">
          {i18n.rich('runStep.waiting', {
            channel: <code key="channel">{info.wait.channel ?? '—'}</code>,
            key: <code key="key">{info.wait.key ?? '—'}</code>,
          })}
          {info.wait.deadline && t('runStep.until', { date: i18n.dateTime(info.wait.deadline) })}
        </p>
      )}
      {info.wait && info.status !== 'waiting' && (
        // The wait is over (resumed by a callback or its deadline): say what it waited for, not "until".
        <p className="jx-muted" data-testid="run-waited">
          {i18n.rich('runStep.waited', {
            channel: <code key="channel">{info.wait.channel ?? '—'}</code>,
            key: <code key="key">{info.wait.key ?? '—'}</code>,
          })}
        </p>
      )}
      {info.noted && info.noted.length > 0 && (
        // Verified and acknowledged, but not what the wait's condition asks for (a "processing" notice).
        <section data-testid="run-noted">
          <h4>
            {t(info.status === 'waiting' ? 'runStep.notedWaiting' : 'runStep.noted', {
              count: info.noted.length,
            })}
          </h4>
          {info.noted.map((notice) => (
            <div key={notice.at}>
              <p className="jx-muted">{i18n.dateTime(notice.at)}</p>
              <JsonView value={notice.payload} label={t('runStep.notedCallback')} />
            </div>
          ))}
        </section>
      )}
      {info.error && (
        <section>
          <h4>{t('runStep.error')}</h4>
          <p className="jx-error">
            <code>{info.error.code}</code> {errorSentence(info.error, i18n)}
          </p>
          <JsonView value={info.error} label={t('runStep.error')} />
        </section>
      )}
      <section>
        <h4>{t('runStep.output')}</h4>
        {info.output ? (
          <JsonView value={info.output} label={t('runStep.output')} />
        ) : (
          <p className="jx-muted">{t('runStep.noOutput')}</p>
        )}
      </section>
      <section>
        <h4>{t('runStep.input')}</h4>
        {info.input !== undefined ? (
          <JsonView value={info.input} openDepth={1} label={t('runStep.input')} />
        ) : (
          <p className="jx-muted">{t('runStep.noInput')}</p>
        )}
      </section>
    </div>
  );
}
