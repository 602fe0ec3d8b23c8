import { JunctionError } from '@junction/runtime';

/**
 * Every error `code.js` raises, with its typed parameters and the sentence a user sees. The
 * parameters also become the error's `details`; translations key on the code.
 */
export const codeErrorMessages = {
  /** The user's code threw, rejected, did not parse, or returned a promise that never settles. */
  JX_CODE_ERROR: (p: { message: string; line?: number }) =>
    p.line ? `line ${p.line}: ${p.message}` : p.message,
  JX_CODE_TIMEOUT: (p: { nodeId: string; timeoutMs: number }) =>
    `Node ${p.nodeId} (code.js) ran longer than its ${p.timeoutMs} ms time limit and was stopped; look for an endless loop, or raise timeoutMs.`,
  JX_CODE_MEMORY: (p: { nodeId: string; memoryLimitMb: number }) =>
    `Node ${p.nodeId} (code.js) needed more than its ${p.memoryLimitMb} MB memory limit and was stopped; process less data at once, or raise memoryLimitMb.`,
  JX_CODE_STACK_OVERFLOW: (p: { nodeId: string; line?: number }) =>
    `Node ${p.nodeId} (code.js) nested function calls too deeply${p.line ? ` (line ${p.line})` : ''} and was stopped; look for a recursion that never reaches its end, or rewrite it as a loop.`,
  JX_CODE_CANCELLED: (p: { nodeId: string }) =>
    `Node ${p.nodeId} (code.js) was stopped because its run was cancelled or timed out.`,
  JX_CODE_SANDBOX_FAILED: (p: { nodeId: string; reason: string }) =>
    `Node ${p.nodeId} (code.js) could not run because its sandbox worker stopped unexpectedly; run it again, and report it if it keeps happening.`,
} as const;

/** A code of {@link codeErrorMessages}. */
export type CodeErrorCode = keyof typeof codeErrorMessages;

/** The parameters of one code's sentence. */
export type CodeErrorParams<C extends CodeErrorCode> = Parameters<(typeof codeErrorMessages)[C]>[0];

/**
 * Limit errors are not retried by the engine: the same code with the same input fails the same way,
 * and each attempt would cost a worker.
 */
const NOT_RETRYABLE: ReadonlySet<CodeErrorCode> = new Set(['JX_CODE_MEMORY', 'JX_CODE_STACK_OVERFLOW']);

/** Builds the {@link JunctionError} for a catalogue code; `extra` adds details beyond the parameters. */
export function codeError<C extends CodeErrorCode>(
  code: C,
  params: CodeErrorParams<C>,
  extra: Record<string, unknown> = {},
): JunctionError {
  const message = (codeErrorMessages[code] as (p: CodeErrorParams<C>) => string)(params);
  const details: Record<string, unknown> = { ...params, ...extra };
  if (code === 'JX_CODE_ERROR') delete details.message;
  if (NOT_RETRYABLE.has(code)) details.retryable = false;
  return new JunctionError(code, message, details);
}
