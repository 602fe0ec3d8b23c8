import type { SqlDatabase } from '../db/sql-database.ts';
import type { TestFileResult } from './run-test-file.ts';
import type { FlowTestFile } from './test-file-types.ts';

/** A flow's stored test file and when it was last saved. */
export interface StoredFlowTests {
  tests: FlowTestFile;
  updatedAt: number;
}

/** The last test result recorded with a version (`tests` of the versions API). */
export interface VersionTestSummary {
  passed: boolean;
  ranAt: number;
  total: number;
  failed: number;
}

interface SummaryRow {
  version: number;
  passed: number;
  total: number;
  failed: number;
  ran_at: number;
}

const summaryOf = (row: SummaryRow): VersionTestSummary => ({
  passed: row.passed === 1,
  ranAt: row.ran_at,
  total: row.total,
  failed: row.failed,
});

/**
 * Flow test files stored beside their flows (`srv_flow_tests`, one per flow) and the last result of
 * each version's tests (`srv_flow_version_tests`), which the versions API and the deploy gate read.
 */
export class FlowTestRepository {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** The flow's test file, or undefined when none was saved. */
  async find(flowId: string): Promise<StoredFlowTests | undefined> {
    const row = await this.#db.get<{ document: string; updated_at: number }>(
      'SELECT document, updated_at FROM srv_flow_tests WHERE flow_id = ?',
      [flowId],
    );
    return row ? { tests: JSON.parse(row.document) as FlowTestFile, updatedAt: row.updated_at } : undefined;
  }

  /** Creates or replaces the flow's test file. */
  async save(flowId: string, tests: FlowTestFile, now = Date.now()): Promise<StoredFlowTests> {
    await this.#db.run(
      `INSERT INTO srv_flow_tests (flow_id, document, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (flow_id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
      [flowId, JSON.stringify(tests), now],
    );
    return { tests, updatedAt: now };
  }

  /** Forgets the flow's test file and results (the flow was deleted). */
  async delete(flowId: string): Promise<void> {
    await this.#db.batch(
      ['srv_flow_tests', 'srv_flow_version_tests'].map((table) => ({
        sql: `DELETE FROM ${table} WHERE flow_id = ?`,
        params: [flowId],
      })),
    );
  }

  /** Records a result with a version, replacing the one before. */
  async record(
    flowId: string,
    version: number,
    result: TestFileResult,
    now = Date.now(),
  ): Promise<VersionTestSummary> {
    const total = result.cases.length;
    const failed = result.cases.filter((c) => !c.passed).length;
    await this.#db.run(
      `INSERT INTO srv_flow_version_tests (flow_id, version, passed, total, failed, ran_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (flow_id, version) DO UPDATE SET passed = excluded.passed, total = excluded.total,
         failed = excluded.failed, ran_at = excluded.ran_at`,
      [flowId, version, result.passed ? 1 : 0, total, failed, now],
    );
    return { passed: result.passed, ranAt: now, total, failed };
  }

  /** The recorded result of every version that has one, by version number. */
  async summaries(flowId: string): Promise<Map<number, VersionTestSummary>> {
    const rows = await this.#db.all<SummaryRow>(
      'SELECT version, passed, total, failed, ran_at FROM srv_flow_version_tests WHERE flow_id = ?',
      [flowId],
    );
    return new Map(rows.map((row) => [row.version, summaryOf(row)]));
  }

  /** The recorded result of one version, if its tests ran. */
  async summary(flowId: string, version: number): Promise<VersionTestSummary | undefined> {
    const row = await this.#db.get<SummaryRow>(
      'SELECT version, passed, total, failed, ran_at FROM srv_flow_version_tests WHERE flow_id = ? AND version = ?',
      [flowId, version],
    );
    return row ? summaryOf(row) : undefined;
  }
}
