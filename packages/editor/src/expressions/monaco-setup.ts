// Loaded lazily (dynamic import) the first time an expression field is shown, so Monaco never
// weighs on the initial bundle. Everything is bundled: no CDN, no AMD loader.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
import 'monaco-codicon-css';
import jsonata from 'jsonata';
import * as monaco from 'monaco-editor/editor/editor.api.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { jsonataErrorSentence } from '../i18n/jsonata-error.ts';
import { type CompletionSources, complete } from './completions.ts';
import { JSONATA_LANGUAGE, jsonataConfiguration, jsonataTokens, locateError } from './jsonata-language.ts';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.languages.register({ id: JSONATA_LANGUAGE });
monaco.languages.setMonarchTokensProvider(JSONATA_LANGUAGE, jsonataTokens);
monaco.languages.setLanguageConfiguration(JSONATA_LANGUAGE, jsonataConfiguration);

const sourcesByModel = new Map<string, () => CompletionSources>();
const KIND = {
  node: monaco.languages.CompletionItemKind.Module,
  port: monaco.languages.CompletionItemKind.Interface,
  field: monaco.languages.CompletionItemKind.Field,
  variable: monaco.languages.CompletionItemKind.Variable,
  function: monaco.languages.CompletionItemKind.Function,
};

monaco.languages.registerCompletionItemProvider(JSONATA_LANGUAGE, {
  triggerCharacters: ['.', '$'],
  provideCompletionItems(model, position) {
    const sources = sourcesByModel.get(model.uri.toString())?.();
    if (!sources) return { suggestions: [] };
    const before = model.getValueInRange({
      startLineNumber: 1,
      startColumn: 1,
      endLineNumber: position.lineNumber,
      endColumn: position.column,
    });
    const { partial, items } = complete(before, sources);
    const range = new monaco.Range(
      position.lineNumber,
      position.column - partial.length,
      position.lineNumber,
      position.column,
    );
    return {
      suggestions: items.map((item, i) => ({
        label: item.label,
        detail: item.detail,
        kind: KIND[item.kind],
        insertText: item.kind === 'function' ? `${item.label}($0)` : item.label,
        insertTextRules:
          item.kind === 'function'
            ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet
            : undefined,
        sortText: String(i).padStart(4, '0'),
        range,
      })),
    };
  },
});

/** Options of {@link createExpressionEditor}. */
export interface ExpressionEditorOptions {
  value: string;
  theme: 'light' | 'dark';
  ariaLabel: string;
  onChange(value: string): void;
  sources(): CompletionSources;
}

/** A handle on one expression editor. */
export interface ExpressionEditorHandle {
  setValue(value: string): void;
  setTheme(theme: 'light' | 'dark'): void;
  focus(): void;
  dispose(): void;
}

function mark(model: monaco.editor.ITextModel): void {
  const text = model.getValue();
  const markers: monaco.editor.IMarkerData[] = [];
  if (text.trim()) {
    try {
      jsonata(text);
    } catch (error) {
      const at = locateError(error, text);
      const start = model.getPositionAt(at.start);
      const end = model.getPositionAt(at.end);
      markers.push({
        severity: monaco.MarkerSeverity.Error,
        message: jsonataErrorSentence(error),
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      });
    }
  }
  monaco.editor.setModelMarkers(model, 'jsonata', markers);
}

/** Creates a compact JSONata editor in `element` that grows with its content. */
export function createExpressionEditor(
  element: HTMLElement,
  options: ExpressionEditorOptions,
): ExpressionEditorHandle {
  const model = monaco.editor.createModel(options.value, JSONATA_LANGUAGE);
  sourcesByModel.set(model.uri.toString(), options.sources);
  const editor = monaco.editor.create(element, {
    model,
    theme: options.theme === 'dark' ? 'vs-dark' : 'vs',
    ariaLabel: options.ariaLabel,
    minimap: { enabled: false },
    lineNumbers: 'off',
    glyphMargin: false,
    folding: false,
    lineDecorationsWidth: 4,
    scrollBeyondLastLine: false,
    wordWrap: 'on',
    fontSize: 13,
    renderLineHighlight: 'none',
    overviewRulerLanes: 0,
    scrollbar: { vertical: 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
    fixedOverflowWidgets: true,
    automaticLayout: true,
    suggest: { showWords: false },
    quickSuggestions: { other: true, strings: false, comments: false },
    placeholder: 'e.g. $nodes.webhook.out.body.sku',
  });
  const resize = () => {
    const height = Math.min(Math.max(editor.getContentHeight(), 22), 180);
    element.style.height = `${height}px`;
    editor.layout();
  };
  editor.onDidContentSizeChange(resize);
  resize();
  mark(model);
  let silent = false;
  model.onDidChangeContent(() => {
    mark(model);
    if (!silent) options.onChange(model.getValue());
  });
  return {
    setValue(value) {
      if (value === model.getValue()) return;
      silent = true;
      model.setValue(value);
      silent = false;
    },
    setTheme(theme) {
      monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
    },
    focus() {
      editor.focus();
    },
    dispose() {
      sourcesByModel.delete(model.uri.toString());
      editor.dispose();
      model.dispose();
    },
  };
}
