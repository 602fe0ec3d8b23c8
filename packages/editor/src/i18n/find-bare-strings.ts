import ts from 'typescript';

/** A user-visible English string found outside the catalogue. */
export interface BareString {
  file: string;
  line: number;
  text: string;
}

/** JSX attributes whose value a user reads (or a screen reader speaks). */
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label', 'emptyText']);

/** Calls whose string arguments are not shown to a user as such (keys, codes, ids, CSS, logs). */
const EXEMPT_CALLS = new Set([
  't',
  'lookup',
  'require',
  'import',
  'querySelector',
  'querySelectorAll',
  'getElementById',
  'addEventListener',
  'removeEventListener',
  'setAttribute',
  'getItem',
  'setItem',
  'startsWith',
  'endsWith',
  'includes',
  'split',
  'replace',
  'matchMedia',
  'EditorError',
  'Error',
  'warn',
  'error',
  'log',
]);

/** Elements whose text is code or keys (`<code>$nodes.</code>`, `<kbd>Ctrl</kbd>`), the same in every language. */
const CODE_ELEMENTS = new Set(['code', 'kbd', 'samp', 'pre']);

/** True when JSX text sits directly inside one of {@link CODE_ELEMENTS}. */
function inCodeElement(node: ts.JsxText): boolean {
  const parent = node.parent;
  return ts.isJsxElement(parent) && CODE_ELEMENTS.has(parent.openingElement.tagName.getText());
}

/** Looks like an English phrase: a capitalised word followed by more words or a full stop. */
const ENGLISH_PHRASE = /^[A-Z][a-z]+(?:[ ,'’-][A-Za-z…]|[.!?…]$)/;

function calleeName(node: ts.CallExpression | ts.NewExpression): string {
  const expression = node.expression;
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return '';
}

/** True when the literal sits where its text is a key, a code, a type or a comparison, not a sentence. */
function exempt(node: ts.Node): boolean {
  const parent = node.parent;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node)
    return true;
  for (let at: ts.Node = node.parent; at; at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isTypeNode(at)) return true;
    if ((ts.isCallExpression(at) || ts.isNewExpression(at)) && EXEMPT_CALLS.has(calleeName(at))) return true;
    if (
      ts.isBinaryExpression(at) &&
      at.operatorToken.kind >= ts.SyntaxKind.EqualsEqualsToken &&
      at.operatorToken.kind <= ts.SyntaxKind.ExclamationEqualsEqualsToken
    )
      return true;
    if (ts.isCaseClause(at)) return true;
    if (ts.isBlock(at) || ts.isSourceFile(at)) return false;
  }
  return false;
}

/**
 * Finds strings a user would read that bypass the catalogue: JSX text with letters, string values of
 * visible JSX attributes, and English-looking phrases in string or template literals anywhere else.
 * Text of `<code>`, `<kbd>`, `<samp>` and `<pre>` elements is code, not language; text inside `t('…')`, error constructors (their code is translated), imports, types and
 * comparisons is not reported.
 */
export function findBareStrings(file: string, source: string): BareString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: BareString[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
    found.push({ file, line: line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z]{2,}/.test(node.text) && !inCodeElement(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(sourceFile);
      if (VISIBLE_ATTRIBUTES.has(name) && /[A-Za-z]{2,}/.test(node.initializer.text))
        report(node, node.initializer.text);
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      !ts.isJsxAttribute(node.parent) &&
      ENGLISH_PHRASE.test(node.text) &&
      !exempt(node)
    ) {
      report(node, node.text);
    } else if (ts.isTemplateExpression(node) && ENGLISH_PHRASE.test(node.head.text) && !exempt(node)) {
      report(node, node.head.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
