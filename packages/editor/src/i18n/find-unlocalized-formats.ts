import ts from 'typescript';
import type { BareString } from './find-bare-strings.ts';

/** Methods that format for the browser's locale and zone, not the editor's language (UTC+8 for zh-CN). */
const LOCALE_METHODS = new Set(['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']);

/**
 * Finds dates, times and numbers formatted outside the translator: `x.toLocaleString()` and
 * friends, and `new Intl.DateTimeFormat(…)` / `Intl.NumberFormat(…)`. The translator's `dateTime`,
 * `time`, `number` and `money` format them in the editor's language and zone.
 */
export function findUnlocalizedFormats(file: string, source: string): BareString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: BareString[] = [];
  const visit = (node: ts.Node) => {
    const callee = ts.isCallExpression(node) || ts.isNewExpression(node) ? node.expression : undefined;
    if (callee && ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      const intl = ts.isIdentifier(callee.expression) && callee.expression.text === 'Intl';
      if (LOCALE_METHODS.has(name) || intl) {
        const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
        found.push({ file, line: line + 1, text: callee.getText(sourceFile) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
