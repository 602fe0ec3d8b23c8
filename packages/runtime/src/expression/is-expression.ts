/**
 * True when `value` is an expression: a string starting with `=`. The rest of the string is JSONata.
 * A literal string that must start with `=` is written as an expression returning it: `="=literal"`.
 */
export function isExpression(value: unknown): value is `=${string}` {
  return typeof value === 'string' && value.charCodeAt(0) === 61; // '='
}

/** The JSONata source of an expression string (without the leading `=`); other strings are returned as is. */
export function expressionBody(source: string): string {
  return isExpression(source) ? source.slice(1) : source;
}
