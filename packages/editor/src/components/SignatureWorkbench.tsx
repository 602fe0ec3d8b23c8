import { type KeyboardEvent, useState } from 'react';
import { previewSignature } from '../api/api-client.ts';
import type { CredentialKindDescriptor, CredentialSummary } from '../api/api-types.ts';
import { useEditor } from '../app/editor-context.ts';
import type { CredentialDraft } from '../credentials/credential-model.ts';
import {
  previewCredential,
  type SampleBodyType,
  type SampleProblem,
  type SignatureSample,
  sampleRequest,
} from '../credentials/signature-sample.ts';
import type { MessageKey } from '../i18n/translator.ts';
import { useT } from '../i18n/useT.ts';
import { type PreviewOutcome, SignaturePreviewResult } from './SignaturePreviewResult.tsx';

/** Props of {@link SignatureWorkbench}. */
export interface SignatureWorkbenchProps {
  /** The credential form's current, unsaved values. */
  draft: CredentialDraft;
  kind: CredentialKindDescriptor | undefined;
  /** The saved credential being edited, whose secrets the server fills in. */
  existing?: CredentialSummary;
}

const METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'];
const BODY_TYPES: Array<[SampleBodyType, MessageKey]> = [
  ['json', 'signatureWorkbench.bodyJson'],
  ['form', 'signatureWorkbench.bodyForm'],
  ['raw', 'signatureWorkbench.bodyRaw'],
];
const EMPTY: SignatureSample = {
  method: 'POST',
  url: '',
  headers: '',
  body: '',
  bodyType: 'json',
  expected: '',
  now: '',
};

/**
 * Signs a sample request from the supplier's documentation with the credential form's current values —
 * nothing is saved or sent — and compares the result with the documentation's signature. Secrets go to
 * the server only as typed in this form; what comes back has them written `{secret}`.
 */
export function SignatureWorkbench({ draft, kind, existing }: SignatureWorkbenchProps) {
  const { t } = useT();
  const { api } = useEditor();
  const [sample, setSample] = useState(EMPTY);
  const [problem, setProblem] = useState<SampleProblem>();
  const [outcome, setOutcome] = useState<PreviewOutcome>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<SignatureSample>) => {
    setSample({ ...sample, ...patch });
    setProblem(undefined);
  };
  const problemAt = (field: SampleProblem['field']) =>
    problem?.field === field && <p className="jx-error">{t(problem.message, problem.values)}</p>;

  const compute = async () => {
    const parsed = sampleRequest(sample);
    if ('message' in parsed) {
      setProblem(parsed);
      return;
    }
    setBusy(true);
    try {
      const body = { ...previewCredential(draft, kind, existing), ...parsed };
      setOutcome({ preview: await previewSignature(api, body), expected: parsed.expected });
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  };
  // Enter in a workbench input computes; it must not submit (save) the credential form around it.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    void compute();
  };

  return (
    <details className="jx-workbench" data-testid="signature-workbench" onKeyDown={onKeyDown}>
      <summary>{t('signatureWorkbench.title')}</summary>
      <p className="jx-help">{t('signatureWorkbench.intro')}</p>
      <div className="jx-field">
        <label htmlFor="jx-workbench-url">{t('signatureWorkbench.request')}</label>
        <div className="jx-workbench-line">
          <select
            id="jx-workbench-method"
            className="jx-workbench-method"
            aria-label={t('signatureWorkbench.method')}
            value={sample.method}
            onChange={(e) => set({ method: e.target.value })}
          >
            {METHODS.map((method) => (
              <option key={method} value={method}>
                {method}
              </option>
            ))}
          </select>
          <input
            id="jx-workbench-url"
            className="jx-workbench-url"
            value={sample.url}
            placeholder={t('signatureWorkbench.urlPlaceholder')}
            onChange={(e) => set({ url: e.target.value })}
          />
        </div>
        {problemAt('url')}
      </div>
      <div className="jx-field">
        <label htmlFor="jx-workbench-headers">{t('signatureWorkbench.headers')}</label>
        <textarea
          id="jx-workbench-headers"
          className="jx-code"
          rows={2}
          spellCheck={false}
          value={sample.headers}
          placeholder={t('signatureWorkbench.headersPlaceholder')}
          onChange={(e) => set({ headers: e.target.value })}
        />
        <p className="jx-help">{t('signatureWorkbench.headersHelp')}</p>
        {problemAt('headers')}
      </div>
      <div className="jx-field">
        <label htmlFor="jx-workbench-body">{t('signatureWorkbench.body')}</label>
        <textarea
          id="jx-workbench-body"
          className="jx-code"
          rows={4}
          spellCheck={false}
          value={sample.body}
          onChange={(e) => set({ body: e.target.value })}
        />
        <fieldset className="jx-checks jx-workbench-body-type">
          <legend className="jx-muted">{t('signatureWorkbench.bodyType')}</legend>
          {BODY_TYPES.map(([type, label]) => (
            <label key={type} className="jx-check">
              <input
                type="radio"
                name="jx-workbench-body-type"
                value={type}
                checked={sample.bodyType === type}
                onChange={() => set({ bodyType: type })}
              />
              {t(label)}
            </label>
          ))}
        </fieldset>
        {problemAt('body')}
      </div>
      <div className="jx-field">
        <label htmlFor="jx-workbench-expected">{t('signatureWorkbench.expected')}</label>
        <input
          id="jx-workbench-expected"
          className="jx-code"
          spellCheck={false}
          value={sample.expected}
          placeholder={t('signatureWorkbench.expectedPlaceholder')}
          onChange={(e) => set({ expected: e.target.value })}
        />
      </div>
      <div className="jx-field">
        <label htmlFor="jx-workbench-now">{t('signatureWorkbench.now')}</label>
        <input
          id="jx-workbench-now"
          inputMode="numeric"
          value={sample.now}
          placeholder={t('signatureWorkbench.nowPlaceholder')}
          onChange={(e) => set({ now: e.target.value })}
        />
        {problemAt('now')}
      </div>
      <div className="jx-row">
        <button
          type="button"
          className="jx-button"
          disabled={busy}
          onClick={() => void compute()}
          data-testid="signature-compute"
        >
          {t(busy ? 'signatureWorkbench.computing' : 'signatureWorkbench.compute')}
        </button>
      </div>
      {outcome && <SignaturePreviewResult outcome={outcome} />}
    </details>
  );
}
