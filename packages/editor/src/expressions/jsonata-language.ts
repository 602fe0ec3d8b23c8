import type { languages } from 'monaco-editor/editor/editor.api.js';

/** Language id of JSONata in Monaco (not a built-in language). */
export const JSONATA_LANGUAGE = 'jsonata';

/** A Monarch tokenizer for JSONata: variables and functions (`$…`), strings, numbers, keywords, comments. */
export const jsonataTokens: languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: ['and', 'or', 'in', 'true', 'false', 'null', 'function'],
  operators: [
    ':=',
    '~>',
    '!=',
    '<=',
    '>=',
    '..',
    '&',
    '+',
    '-',
    '*',
    '/',
    '%',
    '=',
    '<',
    '>',
    '?',
    ':',
    '.',
    '^',
    '@',
    '#',
  ],
  symbols: /[=><!~?:&|+\-*/^%@#.]+/,
  tokenizer: {
    root: [
      [/\/\*/, 'comment', '@comment'],
      [/\$[A-Za-z_][\w]*(?=\s*\()/, 'predefined'],
      [/\$[A-Za-z_][\w]*/, 'variable'],
      [/\$\$?/, 'variable'],
      [/[A-Za-z_][\w]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/`[^`]*`/, 'identifier'],
      [/-?\d+(\.\d+)?([eE][+-]?\d+)?/, 'number'],
      [/"([^"\\]|\\.)*$/, 'string.invalid'],
      [/'([^'\\]|\\.)*$/, 'string.invalid'],
      [/"/, 'string', '@stringDouble'],
      [/'/, 'string', '@stringSingle'],
      [/[{}()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/[;,]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    stringDouble: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],
    stringSingle: [
      [/[^\\']+/, 'string'],
      [/\\./, 'string.escape'],
      [/'/, 'string', '@pop'],
    ],
  },
};

/** Brackets and auto-closing pairs for JSONata. */
export const jsonataConfiguration: languages.LanguageConfiguration = {
  comments: { blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string'] },
  ],
};

/** Where a JSONata parse error sits, as 0-based character offsets into the expression. */
export interface ExpressionError {
  message: string;
  start: number;
  end: number;
}

/** Locates a jsonata parse error (it reports the offset just past the offending token). */
export function locateError(error: unknown, text: string): ExpressionError {
  const e = error as { message?: string; position?: number; token?: string };
  const end = Math.min(typeof e.position === 'number' ? e.position : text.length, text.length);
  const length = typeof e.token === 'string' && e.token.length ? e.token.length : 1;
  const start = Math.max(0, end - length);
  return { message: e.message ?? String(error), start, end: Math.max(end, start + 1) };
}
