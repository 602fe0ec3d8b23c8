import { isConnectionError, type PostgresRunStore, toStoreError } from '@junction/runtime';
import type { SqlDatabase, SqlStatement } from './sql-database.ts';

type Pool = PostgresRunStore['pool'];

const converted = new Map<string, string>();

/** `?` → `$1, $2…` (the server's SQL never has `?` inside string literals). */
function toPostgres(sql: string): string {
  let text = converted.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    converted.set(sql, text);
  }
  return text;
}

/**
 * {@link SqlDatabase} over the PostgreSQL run store's pool: same schema (the store sets
 * `search_path`) and the store's type parsers (bigint columns come back as numbers).
 */
export function postgresDatabase(pool: Pool): SqlDatabase {
  // A database that cannot be reached is `JX_STORE_UNAVAILABLE` here too (503, never driver text).
  const query = async (sql: string, params: unknown[]) => {
    try {
      return await pool.query(toPostgres(sql), params);
    } catch (error) {
      throw toStoreError(error);
    }
  };
  return {
    dialect: 'postgres',
    async all<T>(sql: string, params: unknown[] = []) {
      return (await query(sql, params)).rows as T[];
    },
    async get<T>(sql: string, params: unknown[] = []) {
      return (await query(sql, params)).rows[0] as T | undefined;
    },
    async run(sql, params = []) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async batch(list: SqlStatement[]) {
      const client = await pool.connect().catch((error: unknown) => {
        throw toStoreError(error);
      });
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        for (const { sql, params } of list) await client.query(toPostgres(sql), params ?? []);
        await client.query('COMMIT');
      } catch (error) {
        if (isConnectionError(error)) broken = error as Error;
        await client.query('ROLLBACK').catch((rollback: Error) => {
          broken = rollback;
        });
        throw toStoreError(error);
      } finally {
        client.release(broken);
      }
    },
  };
}
