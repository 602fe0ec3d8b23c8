import { type Json, JunctionError } from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';
import { BUILTIN_ENVIRONMENTS, DEFAULT_ENVIRONMENT } from './environment-names.ts';

/** A named environment: its place in the promotion order and what it resolves differently. */
export interface Environment {
  name: string;
  /** 0-based place in the promotion order (sandbox → … → production). */
  position: number;
  description?: string;
  /** Credential bindings: the id a flow names → the id used in this environment. Unbound ids resolve to themselves. */
  credentials: Record<string, string>;
  /** Per flow id, variables that override the flow's `settings.variables` in this environment. */
  variables: Record<string, Record<string, Json>>;
  createdAt: number;
}

/** A change to an environment: bindings and variables to set (`null` removes one). */
export interface EnvironmentPatch {
  description?: string;
  credentials?: Record<string, string | null>;
  variables?: Record<string, Record<string, Json> | null>;
}

interface Row {
  name: string;
  position: number;
  description: string | null;
  credentials: string;
  variables: string;
  created_at: number;
}

function toEnvironment(row: Row): Environment {
  return {
    name: row.name,
    position: Number(row.position),
    ...(row.description ? { description: row.description } : {}),
    credentials: JSON.parse(row.credentials) as Record<string, string>,
    variables: JSON.parse(row.variables) as Record<string, Record<string, Json>>,
    createdAt: Number(row.created_at),
  };
}

/**
 * Environments (`srv_environments`), ordered by position: the promotion order. Read on every run
 * start, so the list is kept in memory and dropped on every change (and by {@link forget}).
 */
export class EnvironmentRepository {
  readonly #db: SqlDatabase;
  #cache: Environment[] | undefined;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Every environment in promotion order. */
  async list(): Promise<Environment[]> {
    if (this.#cache) return this.#cache;
    const rows = await this.#db.all<Row>('SELECT * FROM srv_environments ORDER BY position, name');
    this.#cache = rows.map(toEnvironment);
    return this.#cache;
  }

  /** Drops the in-memory copy (after a change made by another process). */
  forget(): void {
    this.#cache = undefined;
  }

  /** The environment, or a 404 `JX_ENVIRONMENT_NOT_FOUND`. */
  async get(name: string): Promise<Environment> {
    const found = (await this.list()).find((e) => e.name === name);
    if (!found) {
      const names = (await this.list()).map((e) => e.name);
      throw new JunctionError(
        'JX_ENVIRONMENT_NOT_FOUND',
        `Environment ${name} does not exist; use one of ${names.join(', ')}.`,
        { environment: name, environments: names },
      );
    }
    return found;
  }

  /** Whether an environment of that name exists. */
  async has(name: string): Promise<boolean> {
    return (await this.list()).some((e) => e.name === name);
  }

  /**
   * Adds an environment at `position` in the promotion order (default: just before production, so
   * a new stage sits between the sandbox and live traffic); 409 `JX_ENVIRONMENT_EXISTS` when taken.
   */
  async create(input: { name: string; description?: string; position?: number }, now = Date.now()) {
    const list = await this.list();
    if (list.some((e) => e.name === input.name)) {
      throw new JunctionError('JX_ENVIRONMENT_EXISTS', `Environment ${input.name} already exists.`, {
        environment: input.name,
      });
    }
    const production = list.findIndex((e) => e.name === DEFAULT_ENVIRONMENT);
    const fallback = production >= 0 ? production : list.length;
    const at = Math.max(0, Math.min(input.position ?? fallback, list.length));
    const names = list.map((e) => e.name);
    names.splice(at, 0, input.name);
    await this.#db.batch([
      {
        sql: `INSERT INTO srv_environments (name, position, description, credentials, variables, created_at)
              VALUES (?, ?, ?, '{}', '{}', ?)`,
        params: [input.name, at, input.description ?? null, now],
      },
      ...names.map((name, position) => ({
        sql: 'UPDATE srv_environments SET position = ? WHERE name = ?',
        params: [position, name],
      })),
    ]);
    this.forget();
    return this.get(input.name);
  }

  /** Removes an environment; the built-in ones cannot be removed (409 `JX_ENVIRONMENT_BUILTIN`). */
  async remove(name: string): Promise<void> {
    await this.get(name);
    if (BUILTIN_ENVIRONMENTS.includes(name)) {
      throw new JunctionError(
        'JX_ENVIRONMENT_BUILTIN',
        `Environment ${name} is built in and cannot be deleted.`,
        { environment: name },
      );
    }
    await this.#db.run('DELETE FROM srv_environments WHERE name = ?', [name]);
    this.forget();
  }

  /** Sets or removes credential bindings and per-flow variable overrides. */
  async update(name: string, patch: EnvironmentPatch): Promise<Environment> {
    const current = await this.get(name);
    const credentials = { ...current.credentials };
    for (const [from, to] of Object.entries(patch.credentials ?? {})) {
      if (to === null || to === from) delete credentials[from];
      else credentials[from] = to;
    }
    const variables = { ...current.variables };
    for (const [flowId, values] of Object.entries(patch.variables ?? {})) {
      if (values === null) delete variables[flowId];
      else variables[flowId] = values;
    }
    const description = patch.description ?? current.description ?? null;
    await this.#db.run(
      'UPDATE srv_environments SET credentials = ?, variables = ?, description = ? WHERE name = ?',
      [JSON.stringify(credentials), JSON.stringify(variables), description, name],
    );
    this.forget();
    return this.get(name);
  }
}
