import type { Operation } from './operations.ts';

/** One undoable step: what was done and what undoes it. */
export interface HistoryEntry {
  forward: Operation[];
  inverse: Operation[];
  /** A label for the step ("Move 3 nodes"), shown in tooltips. */
  label: string;
  /** Consecutive steps with the same key (typing in one field) merge into one. */
  coalesceKey?: string;
  at: number;
}

/** Undo and redo stacks, immutable so the store can hold them as plain state. */
export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

/** Steps within this many milliseconds with the same coalesce key become one undo step. */
export const COALESCE_WINDOW_MS = 1500;
const LIMIT = 500;

/** An empty history. */
export function emptyHistory(): History {
  return { past: [], future: [] };
}

/**
 * Records a step. A step with the coalesce key of the previous one, soon after it, extends that
 * step: its forward ops are appended and the older inverse is kept, so one undo reverts the whole burst.
 */
export function record(history: History, entry: HistoryEntry): History {
  const last = history.past[history.past.length - 1];
  if (
    last &&
    entry.coalesceKey !== undefined &&
    last.coalesceKey === entry.coalesceKey &&
    entry.at - last.at < COALESCE_WINDOW_MS
  ) {
    const merged: HistoryEntry = {
      ...last,
      forward: [...last.forward, ...entry.forward],
      inverse: [...entry.inverse, ...last.inverse],
      at: entry.at,
    };
    return { past: [...history.past.slice(0, -1), merged], future: [] };
  }
  return { past: [...history.past, entry].slice(-LIMIT), future: [] };
}

/** Moves the newest step to the redo stack; returns the operations to apply, or undefined. */
export function undoStep(history: History): { history: History; ops: Operation[] } | undefined {
  const last = history.past[history.past.length - 1];
  if (!last) return undefined;
  return {
    history: { past: history.past.slice(0, -1), future: [last, ...history.future] },
    ops: last.inverse,
  };
}

/** Moves the next redo step back to the undo stack; returns the operations to apply, or undefined. */
export function redoStep(history: History): { history: History; ops: Operation[] } | undefined {
  const next = history.future[0];
  if (!next) return undefined;
  // A redone step must not merge with the next edit.
  const { coalesceKey: _drop, ...entry } = next;
  return {
    history: { past: [...history.past, entry], future: history.future.slice(1) },
    ops: next.forward,
  };
}
