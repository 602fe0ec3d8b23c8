import { type FlowDocument, JunctionError } from '@junction/runtime';
import type { SqlDatabase } from '../db/sql-database.ts';

/** A stored flow (the working copy the editor saves). */
export interface StoredFlow {
  flow: FlowDocument;
  createdAt: number;
  updatedAt: number;
}

/** One immutable numbered snapshot of a flow. */
export interface FlowVersionInfo {
  version: number;
  createdAt: number;
  note?: string;
}

interface FlowRow {
  id: string;
  document: string;
  created_at: number;
  updated_at: number;
}

/** Versions never change, so parsed documents are kept (bounded) instead of re-read per run. */
const VERSION_CACHE_SIZE = 500;

/**
 * Flows and their numbered versions. The working copy changes freely; a version is a frozen copy
 * that deployments and runs refer to, so what runs never changes under a deployment.
 */
export class FlowRepository {
  readonly #db: SqlDatabase;
  readonly #versions = new Map<string, FlowDocument>();

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Drops cached version documents (another process may have deleted and re-created a flow). */
  forgetVersions(): void {
    this.#versions.clear();
  }

  /** Every flow, most recently updated first. */
  async list(): Promise<StoredFlow[]> {
    const rows = await this.#db.all<FlowRow>('SELECT * FROM srv_flows ORDER BY updated_at DESC, id');
    return rows.map(toStored);
  }

  /** A flow or undefined. */
  async find(id: string): Promise<StoredFlow | undefined> {
    const row = await this.#db.get<FlowRow>('SELECT * FROM srv_flows WHERE id = ?', [id]);
    return row ? toStored(row) : undefined;
  }

  /** A flow or `JX_FLOW_NOT_FOUND`. */
  async get(id: string): Promise<StoredFlow> {
    const found = await this.find(id);
    if (!found) throw new JunctionError('JX_FLOW_NOT_FOUND', `Flow ${id} does not exist.`, { flowId: id });
    return found;
  }

  /** Creates or replaces the working copy. */
  async save(flow: FlowDocument, now = Date.now()): Promise<StoredFlow> {
    await this.#db.run(
      `INSERT INTO srv_flows (id, name, description, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
         document = excluded.document, updated_at = excluded.updated_at`,
      [flow.id, flow.name, flow.description ?? null, JSON.stringify(flow), now, now],
    );
    return this.get(flow.id);
  }

  /** Deletes a flow with its versions and deployment. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    for (const key of this.#versions.keys()) if (key.startsWith(`${id}\u0000`)) this.#versions.delete(key);
    await this.#db.batch(
      [
        'srv_flows',
        'srv_flow_versions',
        'srv_deployments',
        'srv_schedules',
        'srv_flow_tests',
        'srv_flow_version_tests',
      ].map((table) => ({
        sql: `DELETE FROM ${table} WHERE ${table === 'srv_flows' ? 'id' : 'flow_id'} = ?`,
        params: [id],
      })),
    );
  }

  /** Freezes the working copy as the next version number (one statement: no two get the same number). */
  async createVersion(id: string, note: string | undefined, now = Date.now()): Promise<FlowVersionInfo> {
    const { flow } = await this.get(id);
    const row = await this.#db.get<{ version: number }>(
      `INSERT INTO srv_flow_versions (flow_id, version, document, note, created_at)
       SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ? FROM srv_flow_versions WHERE flow_id = ?
       RETURNING version`,
      [id, JSON.stringify(flow), note ?? null, now, id],
    );
    return { version: row!.version, createdAt: now, ...(note ? { note } : {}) };
  }

  /** Highest version number, or null before the first version. */
  async latestVersion(id: string): Promise<number | null> {
    const row = await this.#db.get<{ v: number | null }>(
      'SELECT MAX(version) AS v FROM srv_flow_versions WHERE flow_id = ?',
      [id],
    );
    return row?.v ?? null;
  }

  /** Versions, newest first. */
  async listVersions(id: string): Promise<FlowVersionInfo[]> {
    await this.get(id);
    const rows = await this.#db.all<{ version: number; note: string | null; created_at: number }>(
      'SELECT version, note, created_at FROM srv_flow_versions WHERE flow_id = ? ORDER BY version DESC',
      [id],
    );
    return rows.map((r) => ({
      version: r.version,
      createdAt: r.created_at,
      ...(r.note ? { note: r.note } : {}),
    }));
  }

  /** The document of one version, or `JX_FLOW_VERSION_NOT_FOUND`. Callers must not mutate it. */
  async getVersion(id: string, version: number): Promise<FlowDocument> {
    const key = `${id}\u0000${version}`;
    const cached = this.#versions.get(key);
    if (cached) return cached;
    const row = await this.#db.get<{ document: string }>(
      'SELECT document FROM srv_flow_versions WHERE flow_id = ? AND version = ?',
      [id, version],
    );
    if (!row) {
      throw new JunctionError(
        'JX_FLOW_VERSION_NOT_FOUND',
        `Flow ${id} has no version ${version}; save a version first.`,
        { flowId: id, version },
      );
    }
    const document = JSON.parse(row.document) as FlowDocument;
    if (this.#versions.size >= VERSION_CACHE_SIZE) this.#versions.delete(this.#versions.keys().next().value!);
    this.#versions.set(key, document);
    return document;
  }
}

function toStored(row: FlowRow): StoredFlow {
  return {
    flow: JSON.parse(row.document) as FlowDocument,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
