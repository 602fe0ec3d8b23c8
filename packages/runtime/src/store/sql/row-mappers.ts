import type { ErrorInfo } from '../../errors/junction-error.ts';
import type { Json } from '../../flow/json.ts';
import type {
  CallbackContext,
  JournalEntry,
  PendingResume,
  RunRecord,
  RunStatus,
  TimerRecord,
  WaitRecord,
} from '../run-records.ts';

/** A `runs` row as SQLite returns it. */
export interface RunRow {
  id: string;
  flow_id: string;
  flow_version: number | null;
  flow_hash: string;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  parent_run_id: string | null;
  /** 0/1 in SQLite, boolean in PostgreSQL. */
  test: number | boolean;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  tags: string | null;
}

/** A `journal` row as SQLite returns it. */
export interface JournalRow {
  run_id: string;
  seq: number;
  type: string;
  node_id: string | null;
  at: number;
  body: string | null;
}

/** Optional journal fields, kept together in one compact JSON column. */
type JournalBody = Pick<JournalEntry, 'attempt' | 'input' | 'output' | 'error' | 'data' | 'durationMs'>;

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** Column values for a run, in `runs` column order. */
export function runToRow(run: RunRecord): RunRow {
  return {
    id: run.id,
    flow_id: run.flowId,
    flow_version: run.flowVersion,
    flow_hash: run.flowHash,
    status: run.status,
    input: JSON.stringify(run.input),
    output: json(run.output),
    error: json(run.error),
    parent_run_id: run.parentRunId ?? null,
    test: run.test ? 1 : 0,
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    finished_at: run.finishedAt ?? null,
    tags: json(run.tags),
  };
}

/** Rebuilds a run; SQL NULL means "absent", while the text `null` is a JSON null output. */
export function runFromRow(row: RunRow): RunRecord {
  const run: RunRecord = {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    flowHash: row.flow_hash,
    status: row.status as RunStatus,
    input: JSON.parse(row.input) as Json,
    test: row.test === 1 || row.test === true,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.output !== null) run.output = JSON.parse(row.output) as Json;
  if (row.error !== null) run.error = JSON.parse(row.error) as ErrorInfo;
  if (row.parent_run_id !== null) run.parentRunId = row.parent_run_id;
  if (row.finished_at !== null) run.finishedAt = row.finished_at;
  if (row.tags !== null) run.tags = JSON.parse(row.tags) as Record<string, Json>;
  return run;
}

const JSON_COLUMNS = new Set<keyof RunRecord>(['input', 'output', 'error', 'tags']);

const PATCH_COLUMNS: Partial<Record<keyof RunRecord, keyof RunRow>> = {
  flowId: 'flow_id',
  flowVersion: 'flow_version',
  flowHash: 'flow_hash',
  status: 'status',
  input: 'input',
  output: 'output',
  error: 'error',
  parentRunId: 'parent_run_id',
  test: 'test',
  updatedAt: 'updated_at',
  finishedAt: 'finished_at',
  tags: 'tags',
};

/**
 * The columns a partial run update changes, with their stored values. Keys that are absent or
 * `undefined` leave their column alone; only patched columns are serialised, so a large stored
 * input is never parsed again.
 */
export function runPatchColumns(patch: Partial<RunRecord>): [keyof RunRow, unknown][] {
  const columns: [keyof RunRow, unknown][] = [];
  for (const [key, value] of Object.entries(patch) as [keyof RunRecord, unknown][]) {
    const column = PATCH_COLUMNS[key];
    if (value === undefined || !column) continue;
    columns.push([
      column,
      JSON_COLUMNS.has(key) ? JSON.stringify(value) : key === 'test' ? Boolean(value) : value,
    ]);
  }
  return columns;
}

/** Statement parameters for one journal entry: `[run_id, seq, type, node_id, at, body]`. */
export function journalToParams(
  entry: JournalEntry,
): [string, number, string, string | null, number, string | null] {
  const body: JournalBody = {};
  if (entry.attempt !== undefined) body.attempt = entry.attempt;
  if (entry.input !== undefined) body.input = entry.input;
  if (entry.output !== undefined) body.output = entry.output;
  if (entry.error !== undefined) body.error = entry.error;
  if (entry.data !== undefined) body.data = entry.data;
  if (entry.durationMs !== undefined) body.durationMs = entry.durationMs;
  const text = JSON.stringify(body);
  return [entry.runId, entry.seq, entry.type, entry.nodeId ?? null, entry.at, text === '{}' ? null : text];
}

/** Rebuilds a journal entry. */
export function journalFromRow(row: JournalRow): JournalEntry {
  const entry: JournalEntry = {
    runId: row.run_id,
    seq: row.seq,
    type: row.type as JournalEntry['type'],
    at: row.at,
  };
  if (row.node_id !== null) entry.nodeId = row.node_id;
  if (row.body !== null) Object.assign(entry, JSON.parse(row.body) as JournalBody);
  return entry;
}

/** A `waits` row as SQLite returns it. */
export interface WaitRow {
  channel: string;
  key: string;
  run_id: string;
  node_id: string;
  deadline: number | null;
  created_at: number;
}

/** Rebuilds a wait. */
export function waitFromRow(row: WaitRow): WaitRecord {
  const wait: WaitRecord = {
    runId: row.run_id,
    nodeId: row.node_id,
    channel: row.channel,
    key: row.key,
    createdAt: row.created_at,
  };
  if (row.deadline !== null) wait.deadline = row.deadline;
  return wait;
}

/** A `timers` row as SQLite returns it. */
export interface TimerRow {
  id: string;
  run_id: string;
  node_id: string;
  kind: string;
  due_at: number;
}

/** Rebuilds a timer. */
export function timerFromRow(row: TimerRow): TimerRecord {
  return {
    id: row.id,
    runId: row.run_id,
    nodeId: row.node_id,
    kind: row.kind as TimerRecord['kind'],
    dueAt: row.due_at,
  };
}

/** A `pending_resumes` row as SQLite and PostgreSQL return it. */
export interface PendingResumeRow {
  run_id: string;
  node_id: string;
  reason: string;
  channel: string;
  key: string;
  payload: string | null;
  created_at: number;
  context?: string | null;
}

/** Rebuilds a pending resume; SQL NULL payload means "none" (a `timeout`). */
export function pendingResumeFromRow(row: PendingResumeRow): PendingResume {
  const resume: PendingResume = {
    runId: row.run_id,
    nodeId: row.node_id,
    reason: row.reason as PendingResume['reason'],
    channel: row.channel,
    key: row.key,
    createdAt: row.created_at,
  };
  if (row.payload !== null) resume.payload = JSON.parse(row.payload) as Json;
  if (row.context) resume.context = JSON.parse(row.context) as CallbackContext;
  return resume;
}
