import { createHash, randomBytes } from 'node:crypto';
import { JunctionError } from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';
import { isScope, SCOPES, type Scope } from './scopes.ts';

/** A token as listed: never the token itself, which is shown once at creation. */
export interface TokenView {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: number;
  lastUsedAt: number | null;
}

interface Row {
  id: string;
  name: string;
  hash: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * API tokens, stored as SHA-256 hashes: the database alone cannot be used to call the API.
 * Tokens are long random strings, so a fast hash is enough (no password stretching needed).
 */
export class TokenStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Creates a token; the returned `token` is the only time its value is visible. */
  async create(name: string, scopes: string[]): Promise<{ token: string; view: TokenView }> {
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length > 0 || scopes.length === 0) {
      throw new JunctionError(
        'JX_TOKEN_SCOPE_INVALID',
        `${unknown.length > 0 ? `Unknown scope ${unknown.join(', ')}` : 'No scope given'}; use one or more of ${SCOPES.join(', ')}.`,
        { unknown },
      );
    }
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const token = `jx_${randomBytes(24).toString('base64url')}`;
    const now = Date.now();
    await this.#db.run('INSERT INTO srv_tokens (id, name, hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)', [
      id,
      name,
      hashToken(token),
      JSON.stringify([...new Set(scopes)]),
      now,
    ]);
    const row = await this.#db.get<Row>('SELECT * FROM srv_tokens WHERE id = ?', [id]);
    return { token, view: this.#view(row!) };
  }

  /** The scopes of a presented token, or undefined when it is unknown. */
  async verify(token: string): Promise<{ id: string; name: string; scopes: Scope[] } | undefined> {
    const row = await this.#db.get<Row>('SELECT * FROM srv_tokens WHERE hash = ?', [hashToken(token)]);
    if (!row) return undefined;
    return { id: row.id, name: row.name, scopes: JSON.parse(row.scopes) as Scope[] };
  }

  /** Records use, at most once a minute per token, to keep reads cheap. */
  async touch(id: string, now = Date.now()): Promise<void> {
    await this.#db.run(
      'UPDATE srv_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
      [now, id, now - 60_000],
    );
  }

  /** Every token, oldest first. */
  async list(): Promise<TokenView[]> {
    const rows = await this.#db.all<Row>('SELECT * FROM srv_tokens ORDER BY created_at, id');
    return rows.map((r) => this.#view(r));
  }

  /** Revokes a token; throws `JX_TOKEN_NOT_FOUND` when absent. */
  async delete(id: string): Promise<void> {
    const changes = await this.#db.run('DELETE FROM srv_tokens WHERE id = ?', [id]);
    if (changes === 0) throw new JunctionError('JX_TOKEN_NOT_FOUND', `Token ${id} does not exist.`, { id });
  }

  /** Number of tokens; zero means first start (an admin token is then created). */
  async count(): Promise<number> {
    return (await this.#db.get<{ n: number }>('SELECT COUNT(*) AS n FROM srv_tokens'))!.n;
  }

  #view(row: Row): TokenView {
    return {
      id: row.id,
      name: row.name,
      scopes: JSON.parse(row.scopes) as Scope[],
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
    };
  }
}
