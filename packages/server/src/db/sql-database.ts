/** One SQL statement with `?` placeholders (both dialects; PostgreSQL's `$n` are derived). */
export interface SqlStatement {
  sql: string;
  params?: unknown[];
}

/**
 * The few calls the server's repositories make, over SQLite (embedded) or PostgreSQL (scale-out).
 * SQL is written once in the subset both understand (`ON CONFLICT`, `RETURNING`, `?` placeholders);
 * only the table definitions differ per dialect (see `server-schema.ts`). Integers come back as numbers.
 */
export interface SqlDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** Every row of a query. */
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Runs a write; resolves to the number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs writes atomically (one transaction). */
  batch(statements: SqlStatement[]): Promise<void>;
}
