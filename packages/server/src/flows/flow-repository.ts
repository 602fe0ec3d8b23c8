import { type FlowDocument, JunctionError } from '@junction/runtime';
import type { Database } from 'better-sqlite3';

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

/**
 * Flows and their numbered versions. The working copy changes freely; a version is a frozen copy
 * that deployments and runs refer to, so what runs never changes under a deployment.
 */
export class FlowRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Every flow, most recently updated first. */
  list(): StoredFlow[] {
    return (this.#db.prepare('SELECT * FROM srv_flows ORDER BY updated_at DESC, id').all() as FlowRow[]).map(
      toStored,
    );
  }

  /** A flow or undefined. */
  find(id: string): StoredFlow | undefined {
    const row = this.#db.prepare('SELECT * FROM srv_flows WHERE id = ?').get(id) as FlowRow | undefined;
    return row ? toStored(row) : undefined;
  }

  /** A flow or `JX_FLOW_NOT_FOUND`. */
  get(id: string): StoredFlow {
    const found = this.find(id);
    if (!found) throw new JunctionError('JX_FLOW_NOT_FOUND', `Flow ${id} does not exist.`, { flowId: id });
    return found;
  }

  /** Creates or replaces the working copy. */
  save(flow: FlowDocument, now = Date.now()): StoredFlow {
    this.#db
      .prepare(
        `INSERT INTO srv_flows (id, name, description, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
           document = excluded.document, updated_at = excluded.updated_at`,
      )
      .run(flow.id, flow.name, flow.description ?? null, JSON.stringify(flow), now, now);
    return this.get(flow.id);
  }

  /** Deletes a flow with its versions and deployment. */
  delete(id: string): void {
    this.get(id);
    this.#db.transaction(() => {
      for (const table of ['srv_flows', 'srv_flow_versions', 'srv_deployments', 'srv_schedules']) {
        this.#db
          .prepare(`DELETE FROM ${table} WHERE ${table === 'srv_flows' ? 'id' : 'flow_id'} = ?`)
          .run(id);
      }
    })();
  }

  /** Freezes the working copy as the next version number. */
  createVersion(id: string, note: string | undefined, now = Date.now()): FlowVersionInfo {
    const { flow } = this.get(id);
    return this.#db.transaction(() => {
      const version = (this.latestVersion(id) ?? 0) + 1;
      this.#db
        .prepare(
          'INSERT INTO srv_flow_versions (flow_id, version, document, note, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(id, version, JSON.stringify(flow), note ?? null, now);
      return { version, createdAt: now, ...(note ? { note } : {}) };
    })();
  }

  /** Highest version number, or null before the first version. */
  latestVersion(id: string): number | null {
    const row = this.#db
      .prepare('SELECT MAX(version) AS v FROM srv_flow_versions WHERE flow_id = ?')
      .get(id) as {
      v: number | null;
    };
    return row.v;
  }

  /** Versions, newest first. */
  listVersions(id: string): FlowVersionInfo[] {
    this.get(id);
    const rows = this.#db
      .prepare(
        'SELECT version, note, created_at FROM srv_flow_versions WHERE flow_id = ? ORDER BY version DESC',
      )
      .all(id) as { version: number; note: string | null; created_at: number }[];
    return rows.map((r) => ({
      version: r.version,
      createdAt: r.created_at,
      ...(r.note ? { note: r.note } : {}),
    }));
  }

  /** The document of one version, or `JX_FLOW_VERSION_NOT_FOUND`. */
  getVersion(id: string, version: number): FlowDocument {
    const row = this.#db
      .prepare('SELECT document FROM srv_flow_versions WHERE flow_id = ? AND version = ?')
      .get(id, version) as { document: string } | undefined;
    if (!row) {
      throw new JunctionError(
        'JX_FLOW_VERSION_NOT_FOUND',
        `Flow ${id} has no version ${version}; save a version first.`,
        {
          flowId: id,
          version,
        },
      );
    }
    return JSON.parse(row.document) as FlowDocument;
  }
}

function toStored(row: FlowRow): StoredFlow {
  return {
    flow: JSON.parse(row.document) as FlowDocument,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
