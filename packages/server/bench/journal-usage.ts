import Database from 'better-sqlite3';

/** Runs of the benchmark flow and the journal they wrote so far, read from the live SQLite file. */
export interface JournalUsage {
  runs: number;
  rows: number;
  /** Characters of the journal bodies (the JSON each entry stores). */
  bodyBytes: number;
}

/**
 * Counts with a read-only connection beside the running server (WAL lets it read without blocking the
 * writer); `undefined` when the schema differs (e.g. the journal was reshaped), so the bench still reports.
 */
export function journalUsage(databaseFile: string, flowId: string): JournalUsage | undefined {
  const database = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const runs = database.prepare('SELECT count(*) AS n FROM runs WHERE flow_id = ?').get(flowId) as {
      n: number;
    };
    const journal = database
      .prepare('SELECT count(*) AS n, coalesce(sum(length(body)), 0) AS bytes FROM journal')
      .get() as { n: number; bytes: number };
    return { runs: runs.n, rows: journal.n, bodyBytes: journal.bytes };
  } catch {
    return undefined;
  } finally {
    database.close();
  }
}
