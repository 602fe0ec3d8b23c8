import { useState } from 'react';
import type { FlowTestCase } from '../api/flow-test-types.ts';
import { useEditor } from '../app/editor-context.ts';
import { useT } from '../i18n/useT.ts';
import { uniqueCaseName } from '../tests-panel/test-file.ts';
import {
  describeFailure,
  draftCase,
  saveCaseToFlow,
  type TestFileProblem,
} from '../tests-panel/tests-actions.ts';
import { testsStoreOf } from '../tests-panel/tests-store.ts';

/** Props of {@link SaveAsTest}. */
export interface SaveAsTestProps {
  flowId: string;
  runId: string;
  /** Called once the case is saved (the run panel then shows the Tests tab). */
  onSaved?(name: string): void;
}

/**
 * "Save as test" for a run: fetches the run's draft case, asks for its name (prefilled, unique in
 * the file), appends it to the flow's test file (created when there is none) and saves it. Problems
 * of a refused file are listed under the form.
 */
export function SaveAsTest({ flowId, runId, onSaved }: SaveAsTestProps) {
  const { t } = useT();
  const { store, api } = useEditor();
  const tests = testsStoreOf(store);
  const [draft, setDraft] = useState<FlowTestCase | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<TestFileProblem[]>([]);

  const start = async () => {
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const testCase = await draftCase(api, runId);
      const file = tests.getState().flowId === flowId ? tests.getState().file : null;
      setDraft(testCase);
      setName(uniqueCaseName(file, testCase.name || runId));
    } catch (err) {
      setError(describeFailure(err));
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const outcome = await saveCaseToFlow(tests, api, flowId, draft, name.trim());
      if (outcome.saved) {
        setDraft(null);
        setProblems([]);
        store.getState().notify('info', t('saveAsTest.saved', { name: outcome.name }));
        onSaved?.(outcome.name);
      } else setProblems(outcome.problems);
    } catch (err) {
      setError(describeFailure(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="jx-save-as-test" data-testid="save-as-test">
      {!draft ? (
        <button
          type="button"
          className="jx-button"
          disabled={busy}
          onClick={() => void start()}
          data-testid="save-as-test-button"
        >
          {t('saveAsTest.button')}
        </button>
      ) : (
        <form
          className="jx-row"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label>
            {t('saveAsTest.caseName')}{' '}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="save-as-test-name"
              // biome-ignore lint/a11y/noAutofocus: the form opens on the user's click to ask for this one field
              autoFocus
            />
          </label>
          <button
            type="submit"
            className="jx-button is-primary"
            disabled={busy || !name.trim()}
            data-testid="save-as-test-save"
          >
            {t('saveAsTest.save')}
          </button>
          <button type="button" className="jx-button" onClick={() => setDraft(null)}>
            {t('saveAsTest.cancel')}
          </button>
        </form>
      )}
      {error && (
        <p className="jx-error" role="alert">
          {error}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="jx-error" data-testid="save-as-test-problems">
          {problems.map((p) => (
            <li key={`${p.pointer}-${p.message}`}>
              <code>{p.pointer || '/'}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
