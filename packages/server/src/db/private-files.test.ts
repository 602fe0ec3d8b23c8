import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/test-server.ts';

const root = mkdtempSync(join(tmpdir(), 'junction-perms-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('data directory permissions', () => {
  it('makes the data dir 0700 and the SQLite files 0600, whatever the umask', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    const previous = process.umask(0o022);
    try {
      const t = await startTestServer({ dataDir });
      try {
        expect((await t.api('GET', '/api/runs')).status).toBe(200);
        expect(mode(dataDir)).toBe(0o700);
        for (const file of ['junction.db', 'junction.db-wal', 'junction.db-shm']) {
          expect(mode(join(dataDir, file)), file).toBe(0o600);
        }
      } finally {
        await t.close();
      }
    } finally {
      process.umask(previous);
    }
  });
});
