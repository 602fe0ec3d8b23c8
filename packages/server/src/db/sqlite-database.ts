import type { Database, Statement } from 'better-sqlite3';
import type { SqlDatabase, SqlStatement } from './sql-database.ts';

/**
 * {@link SqlDatabase} over the run store's better-sqlite3 connection. Calls stay synchronous
 * underneath (statements prepared once and cached), so a batch can never interleave with the run
 * store's own transactions on the same connection.
 */
export function sqliteDatabase(db: Database): SqlDatabase {
  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const runAll = db.transaction((list: SqlStatement[]) => {
    for (const { sql, params } of list) prepare(sql).run(...(params ?? []));
  });
  return {
    dialect: 'sqlite',
    async all<T>(sql: string, params: unknown[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async get<T>(sql: string, params: unknown[] = []) {
      return prepare(sql).get(...params) as T | undefined;
    },
    async run(sql, params = []) {
      return prepare(sql).run(...params).changes;
    },
    async batch(list) {
      runAll(list);
    },
  };
}
