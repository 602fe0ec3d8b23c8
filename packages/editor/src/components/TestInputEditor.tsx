import { useState } from 'react';
import { useEditorState } from '../app/editor-context.ts';
import { useT } from '../i18n/useT.ts';
import { loadTestInput, saveTestInput } from '../run/test-input.ts';
import { testRunInput, triggerInputGuide } from '../run/trigger-input.ts';
import { selectCatalogue, selectDocument } from '../store/selectors.ts';
import { JsonTextField } from './JsonTextField.tsx';

/**
 * The trigger payload for test runs, with a hint on the shape the flow's trigger expects. Until the
 * author types something, the trigger's example (a webhook's `exampleRequest`, a manual trigger's
 * `exampleInput`) is shown and used; a bare body for a webhook flow is shown wrapped as it will be sent.
 */
export function TestInputEditor({ flowId }: { flowId: string }) {
  const { t } = useT();
  const document = useEditorState(selectDocument);
  const { types } = useEditorState(selectCatalogue);
  const [typed, setTyped] = useState(() => loadTestInput(flowId));
  const guide = triggerInputGuide(document, types);
  const sent = testRunInput(guide, typed);
  return (
    <div className="jx-pad jx-test-input" data-testid="test-input">
      <p className="jx-help" data-testid="test-input-hint">
        {guide.hint} {t('testInputEditor.keptInThisBrowser')}
      </p>
      <div className="jx-test-input-columns">
        <div>
          <JsonTextField
            rows={6}
            value={typed ?? guide.example}
            onChange={(next) => {
              setTyped(next);
              saveTestInput(flowId, next);
            }}
          />
          <div className="jx-row">
            {typed === undefined && guide.example !== undefined && (
              <span className="jx-muted">{t('testInputEditor.theTriggerSExample')}</span>
            )}
            {typed !== undefined && guide.example !== undefined && (
              <button
                type="button"
                className="jx-link-button"
                onClick={() => {
                  setTyped(undefined);
                  saveTestInput(flowId, undefined);
                }}
              >
                {t('testInputEditor.resetToTheTrigger')}
              </button>
            )}
          </div>
        </div>
        {sent.wrapped && (
          <div className="jx-wrapped" data-testid="test-input-wrapped">
            <p className="jx-help">{t('testInputEditor.readAsTheRequest')}</p>
            <pre className="jx-code">{JSON.stringify(sent.input, null, 2)}</pre>
          </div>
        )}
      </div>
    </div>
  );
}
