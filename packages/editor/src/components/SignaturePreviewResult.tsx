import { JunctionError } from '@junction/runtime/browser';
import { useState } from 'react';
import type { SignaturePreview } from '../api/api-types.ts';
import { errorSentence } from '../i18n/error-sentence.ts';
import { useT } from '../i18n/useT.ts';

/** What the last "compute" gave: the preview and the signature it was compared with, or the failure. */
export type PreviewOutcome = { preview: SignaturePreview; expected?: string } | { error: unknown };

/** Props of {@link SignaturePreviewResult}. */
export interface SignaturePreviewResultProps {
  outcome: PreviewOutcome;
}

/** A signature with everything from `from` on highlighted: where it stops agreeing with the other one. */
function Differing({ text, from }: { text: string; from: number | undefined }) {
  if (from === undefined) return <>{text}</>;
  return (
    <>
      {text.slice(0, from)}
      <mark className="jx-diff" data-testid="signature-difference">
        {text.slice(from)}
      </mark>
    </>
  );
}

/** The server's refusal: its sentence and code, and for a recipe that cannot run, each pointer. */
function PreviewFailure({ error }: { error: unknown }) {
  const { t } = useT();
  const code = error instanceof JunctionError ? error.code : 'JX_EDITOR_UNEXPECTED';
  const { problems } = (error instanceof JunctionError ? error.details : {}) as {
    problems?: Array<{ pointer?: string; message?: string }>;
  };
  return (
    <div className="jx-error jx-workbench-failure" role="alert" data-testid="signature-failure">
      <p>
        {t('signatureWorkbench.failed')} {errorSentence(error)} <code className="jx-muted">{code}</code>
      </p>
      {Array.isArray(problems) && problems.length > 0 && (
        <ul>
          {problems.map((problem) => (
            <li key={`${problem.pointer} ${problem.message}`}>
              <code>{problem.pointer}</code> {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The workbench's answer: the canonical string (secrets written `{secret}`), the computed signature
 * beside the documentation's with the first differing character on highlighted, and the request as
 * it would be sent.
 */
export function SignaturePreviewResult({ outcome }: SignaturePreviewResultProps) {
  const { t } = useT();
  const [copied, setCopied] = useState<string>();
  if ('error' in outcome) return <PreviewFailure error={outcome.error} />;
  const { preview, expected } = outcome;
  const state = preview.matches === undefined ? 'computed' : preview.matches ? 'match' : 'no-match';
  const copy = () =>
    void navigator.clipboard
      ?.writeText(preview.canonical)
      .then(() => setCopied(preview.canonical))
      .catch(() => setCopied(undefined));
  const { wire } = preview;
  const headers = Object.entries(wire.headers).map(([name, value]) => `${name}: ${value}`);
  return (
    <section className="jx-workbench-result" data-testid="signature-preview">
      <div className="jx-field-head">
        <h4>{t('signatureWorkbench.canonical')}</h4>
        <button type="button" className="jx-button" onClick={copy}>
          {t(copied === preview.canonical ? 'signatureWorkbench.copied' : 'signatureWorkbench.copy')}
        </button>
      </div>
      <pre className="jx-canonical" data-testid="signature-canonical">
        {preview.canonical}
      </pre>
      <p className="jx-help">{t('signatureWorkbench.canonicalHelp', { placeholder: '{secret}' })}</p>
      <div className="jx-signature-compare">
        <div>
          <h4>{t('signatureWorkbench.computed')}</h4>
          <code className="jx-signature" data-testid="signature-computed">
            <Differing text={preview.signature} from={preview.firstDifference} />
          </code>
        </div>
        <div>
          <h4>{t('signatureWorkbench.documented')}</h4>
          {expected === undefined ? (
            <p className="jx-help">{t('signatureWorkbench.noExpected')}</p>
          ) : (
            <code className="jx-signature" data-testid="signature-expected">
              <Differing text={expected} from={preview.firstDifference} />
            </code>
          )}
        </div>
      </div>
      {state !== 'computed' && (
        <p className={`jx-match is-${state}`} role="status" data-testid="signature-match" data-state={state}>
          {state === 'match'
            ? t('signatureWorkbench.match')
            : t('signatureWorkbench.noMatch', { position: (preview.firstDifference ?? 0) + 1 })}
        </p>
      )}
      <details className="jx-workbench-wire">
        <summary>{t('signatureWorkbench.wire')}</summary>
        <pre className="jx-canonical" data-testid="signature-wire">
          {[`${wire.method} ${wire.url}`, ...headers, ...(wire.body ? ['', wire.body] : [])].join('\n')}
        </pre>
      </details>
    </section>
  );
}
