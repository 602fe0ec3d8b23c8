import { JunctionError } from '@junction/runtime';

/** What QuickJS hands back for a thrown value, after `ctx.dump`. */
type Dumped = { name?: unknown; message?: unknown; stack?: unknown; lineNumber?: unknown } | unknown;

/**
 * Maps an error thrown inside the sandbox to a coded error with the user's line number.
 * `lineOffset` is how many lines the wrapper adds before the user's first line.
 */
export function toCodeError(
  dumped: Dumped,
  file: string,
  lineOffset: number,
  limits: { timeoutMs: number; memoryMb: number },
): JunctionError {
  const error = (typeof dumped === 'object' && dumped !== null ? dumped : {}) as Record<string, unknown>;
  const name = typeof error.name === 'string' ? error.name : '';
  const message = typeof error.message === 'string' ? error.message : describeThrown(dumped);
  if (name === 'InternalError' && message === 'interrupted') {
    return new JunctionError(
      'JX_CODE_TIMEOUT',
      `The code ran longer than ${limits.timeoutMs} ms and was stopped; look for an endless loop or raise the time limit.`,
      { timeoutMs: limits.timeoutMs },
    );
  }
  if (name === 'InternalError' && message === 'out of memory') {
    return new JunctionError(
      'JX_CODE_MEMORY',
      `The code used more than ${limits.memoryMb} MB of memory and was stopped; process less data at once or raise the memory limit.`,
      { memoryLimitMb: limits.memoryMb },
    );
  }
  const location = userLocation(error, file, lineOffset);
  const label = name && name !== 'Error' ? `${name}: ${message}` : message;
  return new JunctionError('JX_CODE_ERROR', location ? `line ${location.line}: ${label}` : label, {
    ...(location ?? {}),
    ...(name ? { name } : {}),
  });
}

/** The first stack frame (or syntax error position) inside the user's file. */
function userLocation(
  error: Record<string, unknown>,
  file: string,
  lineOffset: number,
): { line: number; column: number } | undefined {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (!match) return undefined;
  const line = Number(match[1]) - lineOffset;
  if (line < 1) return undefined;
  return { line, column: Number(match[2] ?? 0) };
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return `threw ${JSON.stringify(value)}`;
  } catch {
    return 'threw a value that is not an Error';
  }
}
