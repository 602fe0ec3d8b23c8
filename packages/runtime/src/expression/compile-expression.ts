import jsonata from 'jsonata';
import { toExpressionError } from './expression-error.ts';
import { expressionBody } from './is-expression.ts';
import { LruCache } from './lru-cache.ts';

/** Bounds that keep a hostile or careless expression from hanging or exhausting the engine. */
export interface ExpressionLimits {
  /**
   * Evaluation fails with `JX_EXPRESSION_FAILED` (JSONata D1012) after this many milliseconds of its
   * own evaluation (evaluations take turns, see `inExpressionTurn`, so time queued does not count).
   */
  timeoutMs: number;
  /** Maximum call depth (JSONata D1011), stops runaway recursion. */
  maxDepth: number;
  /** Maximum length of any sequence or range (JSONata D2014/D2015), stops `[1..1e9]`. */
  maxSequence: number;
  /** Number of compiled expressions kept in the LRU cache. */
  cacheSize: number;
}

/** The limits that bound one evaluation (all of {@link ExpressionLimits} but the cache size). */
export type ExpressionBounds = Pick<ExpressionLimits, 'timeoutMs' | 'maxDepth' | 'maxSequence'>;

/** Defaults: generous for real mappings, tight enough that a runaway expression fails within a second. */
export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = Object.freeze({
  timeoutMs: 1000,
  maxDepth: 500,
  maxSequence: 1_000_000,
  cacheSize: 5000,
});

/** A parsed JSONata expression, ready to evaluate many times. Obtain one from {@link compileExpression}. */
export interface CompiledExpression {
  /** The JSONata source, without the leading `=`. */
  readonly source: string;
  /** @internal the JSONata expression object. */
  readonly jsonata: jsonata.Expression;
}

let limits: ExpressionLimits = { ...DEFAULT_EXPRESSION_LIMITS };
let cache = new LruCache<string, CompiledExpression>(limits.cacheSize);

/** Changes the expression limits process-wide (tests use short timeouts). Clears the compile cache. */
export function setExpressionLimits(next: Partial<ExpressionLimits>): void {
  limits = { ...limits, ...next };
  cache = new LruCache(limits.cacheSize);
}

/** The limits currently applied to newly compiled expressions. */
export function getExpressionLimits(): Readonly<ExpressionLimits> {
  return limits;
}

/** Number of compiled expressions in the cache (for tests and diagnostics). */
export function expressionCacheSize(): number {
  return cache.size;
}

/**
 * Compiles a JSONata expression (with or without its leading `=`), once: the result is cached in a
 * bounded LRU keyed by limits and source, so the hot
 * path never parses twice. `bounds` (an engine's or a node's limits) default to the process-wide ones.
 * Throws `JX_EXPRESSION_SYNTAX` with the JSONata message, position and token.
 */
export function compileExpression(source: string, bounds?: Readonly<ExpressionBounds>): CompiledExpression {
  const body = expressionBody(source);
  const applied = bounds ?? limits;
  const key = `${applied.timeoutMs}/${applied.maxDepth}/${applied.maxSequence}\n${body}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (body.trim() === '') {
    throw toExpressionError(
      'JX_EXPRESSION_SYNTAX',
      { message: 'the expression is empty', position: 0 },
      body,
    );
  }
  let expression: jsonata.Expression;
  try {
    expression = jsonata(body, {
      timeout: applied.timeoutMs,
      stack: applied.maxDepth,
      sequence: applied.maxSequence,
    });
  } catch (error) {
    throw toExpressionError('JX_EXPRESSION_SYNTAX', error, body);
  }
  const compiled: CompiledExpression = Object.freeze({ source: body, jsonata: expression });
  cache.set(key, compiled);
  return compiled;
}
