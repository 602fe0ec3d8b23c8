import { JunctionError } from '../errors/junction-error.ts';

/** The shape JSONata gives its errors (often plain objects, not `Error` instances). */
interface JsonataErrorLike {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  token?: unknown;
}

/** Where an expression sits, so its error can name the node and the config path. */
export interface ExpressionSite {
  nodeId?: string;
  /** JSON pointer into the node config, e.g. `/body/amount`. */
  pointer?: string;
}

const MAX_SOURCE_IN_DETAILS = 200;

/** Expression sources can be long; errors keep a prefix so API responses stay small. */
function clip(source: string): string {
  return source.length > MAX_SOURCE_IN_DETAILS ? `${source.slice(0, MAX_SOURCE_IN_DETAILS)}…` : source;
}

function describeSite(site: ExpressionSite): string {
  if (site.nodeId && site.pointer !== undefined)
    return ` in node ${site.nodeId} at config ${site.pointer || '/'}`;
  if (site.nodeId) return ` in node ${site.nodeId}`;
  if (site.pointer !== undefined) return ` at ${site.pointer || '/'}`;
  return '';
}

/**
 * Converts whatever JSONata (or the JS underneath it) threw into a {@link JunctionError} with a stable
 * code, the JSONata code, message and position, and the node id and config pointer when known.
 */
export function toExpressionError(
  code: 'JX_EXPRESSION_SYNTAX' | 'JX_EXPRESSION_FAILED',
  error: unknown,
  source: string,
  site: ExpressionSite = {},
): JunctionError {
  if (error instanceof JunctionError) return withSite(error, site);
  const raw = (typeof error === 'object' && error !== null ? error : {}) as JsonataErrorLike;
  const message =
    typeof raw.message === 'string' && raw.message ? raw.message : String(error ?? 'unknown error');
  const position = typeof raw.position === 'number' ? raw.position : undefined;
  const token = typeof raw.token === 'string' ? raw.token : undefined;
  const jsonataCode = typeof raw.code === 'string' ? raw.code : undefined;
  const where = position !== undefined ? ` at position ${position}` : '';
  const what = code === 'JX_EXPRESSION_SYNTAX' ? 'Expression does not parse' : 'Expression failed';
  return new JunctionError(
    code,
    `${what}${describeSite(site)}${where}: ${message}`,
    {
      ...(site.nodeId !== undefined ? { nodeId: site.nodeId } : {}),
      ...(site.pointer !== undefined ? { pointer: site.pointer } : {}),
      expression: clip(source),
      ...(position !== undefined ? { position } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(jsonataCode !== undefined ? { jsonataCode } : {}),
      jsonataMessage: message,
    },
    { cause: error },
  );
}

/** Adds the node id and pointer to an expression error raised without them. */
export function withSite(error: JunctionError, site: ExpressionSite): JunctionError {
  if (!error.code.startsWith('JX_EXPRESSION') || error.details.nodeId !== undefined) return error;
  if (site.nodeId === undefined && site.pointer === undefined) return error;
  const detail =
    typeof error.details.jsonataMessage === 'string' ? error.details.jsonataMessage : error.message;
  const position = typeof error.details.position === 'number' ? ` at position ${error.details.position}` : '';
  const what = error.code === 'JX_EXPRESSION_SYNTAX' ? 'Expression does not parse' : 'Expression failed';
  return new JunctionError(
    error.code,
    `${what}${describeSite(site)}${position}: ${detail}`,
    { ...error.details, ...site },
    { cause: error.cause ?? error },
  );
}
