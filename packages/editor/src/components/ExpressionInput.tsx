import jsonata from 'jsonata';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { completionSources } from '../expressions/completion-sources.ts';
import type { ExpressionEditorHandle } from '../expressions/monaco-setup.ts';
import { jsonataErrorSentence } from '../i18n/jsonata-error.ts';
import type { Translator } from '../i18n/translator.ts';
import { useT } from '../i18n/useT.ts';
import { selectUi } from '../store/selectors.ts';

/** Props of {@link ExpressionInput}. */
export interface ExpressionInputProps {
  id: string;
  /** The expression without its leading `=`. */
  value: string;
  nodeId: string;
  pointer: string;
  invalid: boolean;
  onChange(value: string): void;
}

let monacoModule: Promise<typeof import('../expressions/monaco-setup.ts')> | undefined;
const loadMonaco = () => {
  monacoModule ??= import('../expressions/monaco-setup.ts');
  return monacoModule;
};

function parseError(text: string, using: Translator): string | null {
  if (!text.trim()) return null;
  try {
    jsonata(text);
    return null;
  } catch (error) {
    return jsonataErrorSentence(error, using);
  }
}

/**
 * A JSONata expression field. Shows a plain input at once and swaps in Monaco (lazy-loaded) with
 * highlighting, error underline and `$nodes.…` completion; if Monaco cannot load, the input stays.
 */
export function ExpressionInput({ id, value, nodeId, pointer, invalid, onChange }: ExpressionInputProps) {
  const { store } = useEditor();
  const { theme } = useEditorState(selectUi);
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<ExpressionEditorHandle | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const [ready, setReady] = useState(false);
  const i18n = useT();
  const error = useMemo(() => parseError(value, i18n), [value, i18n]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once per field; value and theme are synced below
  useEffect(() => {
    let cancelled = false;
    loadMonaco()
      .then(({ createExpressionEditor }) => {
        if (cancelled || !host.current) return;
        handle.current = createExpressionEditor(host.current, {
          value,
          theme,
          ariaLabel: `Expression ${pointer}`,
          onChange: (v) => changeRef.current(v),
          sources: () => completionSources(store.getState(), nodeId),
        });
        setReady(true);
      })
      .catch(() => {
        // Monaco failed to load (old browser, test DOM): the plain input keeps working.
      });
    return () => {
      cancelled = true;
      handle.current?.dispose();
      handle.current = null;
    };
  }, [nodeId, pointer]);

  useEffect(() => handle.current?.setValue(value), [value]);
  useEffect(() => handle.current?.setTheme(theme), [theme]);

  return (
    <div
      className={`jx-expression ${invalid || error ? 'is-invalid' : ''}`}
      data-testid={`expression-${pointer}`}
    >
      <span className="jx-expression-prefix" aria-hidden>
        =
      </span>
      <div ref={host} className="jx-monaco" hidden={!ready} />
      {!ready && (
        <input
          id={id}
          className="jx-code"
          value={value}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          aria-label={`Expression ${pointer}`}
        />
      )}
      {error && <p className="jx-error jx-expression-error">{error}</p>}
    </div>
  );
}
