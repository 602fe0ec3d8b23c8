import { type Json, JunctionError } from '@junction/runtime';
import { codeError } from './code-errors.ts';
import type { CodeLimits, RunOutcome } from './code-worker-protocol.ts';

/** Which node ran and under which limits: what the error sentences name. */
export interface OutcomeContext {
  nodeId: string;
  limits: CodeLimits;
}

/**
 * Turns how a sandboxed run ended into its JSON result, or throws the coded error: the user's own
 * errors as `JX_CODE_ERROR` with their line, limits as `JX_CODE_TIMEOUT` / `JX_CODE_MEMORY` /
 * `JX_CODE_STACK_OVERFLOW` (never QuickJS's or V8's own text), and the rest as cancelled or failed.
 */
export function settleOutcome(outcome: RunOutcome, context: OutcomeContext): Json {
  const { nodeId, limits } = context;
  const memory = () => codeError('JX_CODE_MEMORY', { nodeId, memoryLimitMb: limits.memoryMb });
  switch (outcome.kind) {
    case 'ok':
      return JSON.parse(outcome.json) as Json;
    case 'pending':
      throw codeError('JX_CODE_ERROR', {
        message:
          'The returned promise never settled; code.js has no timers or network, so await only promises that resolve on their own.',
      });
    case 'thrown': {
      if (outcome.memoryExhausted) throw memory();
      const error = asRecord(outcome.error);
      const name = typeof error.name === 'string' ? error.name : '';
      const message = typeof error.message === 'string' ? error.message : describeThrown(outcome.error);
      const location = userLocation(error, outcome.file, outcome.lineOffset);
      if (name === 'InternalError' && message === 'out of memory') throw memory();
      if (name === 'InternalError' && message === 'stack overflow') {
        throw codeError('JX_CODE_STACK_OVERFLOW', { nodeId, ...(location ? { line: location.line } : {}) });
      }
      const label = name && name !== 'Error' ? `${name}: ${message}` : message;
      throw codeError(
        'JX_CODE_ERROR',
        { message: label, ...(location ? { line: location.line } : {}) },
        {
          ...(location ? { column: location.column } : {}),
          ...(name ? { name } : {}),
        },
      );
    }
    case 'host':
      if (outcome.memoryExhausted) throw memory();
      if (outcome.name === 'RangeError' && /call stack/i.test(outcome.message)) {
        throw codeError('JX_CODE_STACK_OVERFLOW', { nodeId });
      }
      if (/out of memory|OOM|enlarge memory/i.test(outcome.message)) throw memory();
      throw codeError('JX_CODE_SANDBOX_FAILED', { nodeId, reason: `${outcome.name}: ${outcome.message}` });
    case 'timeout':
      throw codeError('JX_CODE_TIMEOUT', { nodeId, timeoutMs: limits.timeoutMs });
    case 'cancelled':
      throw codeError('JX_CODE_CANCELLED', { nodeId }, cause(outcome.reason));
    case 'worker-died':
      if (outcome.outOfMemory) throw memory();
      throw codeError('JX_CODE_SANDBOX_FAILED', { nodeId, reason: outcome.message });
  }
}

/** The engine's reason for an abort (e.g. `JX_NODE_TIMEOUT`) is kept as `details.cause`. */
function cause(reason: unknown): Record<string, unknown> {
  return reason instanceof JunctionError ? { cause: reason.code } : {};
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
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
