import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresRunStore } from '@junction/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../server/open-storage.ts';
import { runCli } from '../../testing/run-cli.ts';

const DAY = 86_400_000;
const POSTGRES = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli([...args]);

async function seed(storage: Storage): Promise<void> {
  for (const [id, daysAgo] of [
    ['old', 10],
    ['new', 0],
  ] as const) {
    const at = Date.now() - daysAgo * DAY;
    await storage.store.createRun({
      id,
      flowId: 'shop',
      flowVersion: 1,
      flowHash: 'h',
      status: 'succeeded',
      input: {},
      test: false,
      createdAt: at,
      updatedAt: at,
      finishedAt: at,
    });
  }
  await storage.store.flush();
}

describe('junction purge', () => {
  it('purges the data directory by the --retention-* flags and prints the counts', async () => {
    const data = mkdtempSync(join(tmpdir(), 'junction-purge-cli-'));
    dirs.push(data);
    const storage = await openStorage({ dataDir: data });
    await seed(storage);
    await storage.store.close();

    const kept = await cli('purge', '--data', data, '--json');
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.out)).toMatchObject({ runs: 0, bytesAfter: expect.any(Number) });
    const purged = await cli('purge', '--data', data, '--retention-succeeded-days', '7', '--no-compact');
    expect(purged.code).toBe(0);
    expect(purged.out).toContain('Purged 1 runs (0 journal entries)');
    expect(purged.out).not.toContain('Store size');
    const again = await openStorage({ dataDir: data });
    expect((await again.store.listRuns()).map((run) => run.id)).toEqual(['new']);
    await again.store.close();
  });

  it('purges a PostgreSQL database with --database', async () => {
    const schema = `jx_purge_cli_${randomUUID().slice(0, 8)}`;
    const storage = await openStorage({ dataDir: tmpdir(), databaseUrl: POSTGRES, databaseSchema: schema });
    try {
      await seed(storage);
      const result = await cli(
        'purge',
        '--database',
        POSTGRES,
        '--database-schema',
        schema,
        '--retention-succeeded-days',
        '7',
        '--json',
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({ runs: 1 });
      expect((await storage.store.listRuns()).map((run) => run.id)).toEqual(['new']);
    } finally {
      await (storage.store as PostgresRunStore).pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await storage.store.close();
    }
  });

  it('refuses a bad setting and a missing data directory with their codes', async () => {
    const bad = await cli('purge', '--data', tmpdir(), '--retention-failed-days', 'soon');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('JX_RETENTION_SETTING_INVALID');
    const missing = await cli('purge', '--data', join(tmpdir(), `nothing-${randomUUID()}`));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('JX_CLI_DATA_DIR_NOT_FOUND');
  });
});
