import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JunctionProcess, spawnJunction } from '../testing/junction-process.ts';

// The first `junction serve` of a data directory keeps the admin token it generated in
// <data>/admin-token (0600) and says where, so a lost terminal is not a lost server.

async function serve(data: string): Promise<{ process: JunctionProcess; base: string }> {
  const process = spawnJunction(['serve', '--port', '0', '--data', data]);
  const listening = await process.waitForLine((line) => line.includes('listening on'));
  return { process, base: /(http:\/\/\S+)/.exec(listening)![1]! };
}

async function flowsStatus(base: string, token: string): Promise<number> {
  return (await fetch(`${base}/api/flows`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('junction serve: the admin token file', () => {
  it('the first start writes the token to <data>/admin-token (0600) and prints its path; a second start keeps it', async () => {
    const data = await mkdtemp(join(tmpdir(), 'junction-admin-token-'));
    const file = join(data, 'admin-token');

    const first = await serve(data);
    let token: string;
    try {
      token = /: (jx_\S+)/.exec(
        await first.process.waitForLine((line) => line.includes('Admin token (')),
      )![1]!;
      const saved = await first.process.waitForLine((line) => line.includes('Admin token saved to'));
      expect(saved).toContain(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
      expect(await flowsStatus(first.base, token)).toBe(200);
    } finally {
      await first.process.stop();
    }
    const written = statSync(file);

    const second = await serve(data);
    try {
      // The token from the file still opens the API: nothing was regenerated.
      expect(await flowsStatus(second.base, readFileSync(file, 'utf8').trim())).toBe(200);
      expect(second.process.lines.some((line) => line.includes('Admin token'))).toBe(false);
    } finally {
      await second.process.stop();
    }
    expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(file).ino).toBe(written.ino);
  }, 60_000);

  it('a file left from an earlier database is replaced by the new token, owner-only', async () => {
    const data = await mkdtemp(join(tmpdir(), 'junction-admin-token-'));
    const file = join(data, 'admin-token');
    writeFileSync(file, 'jx_stale\n', { mode: 0o644 });
    const started = await serve(data);
    try {
      const token = /: (jx_\S+)/.exec(
        await started.process.waitForLine((line) => line.includes('Admin token (')),
      )![1]!;
      await started.process.waitForLine((line) => line.includes('Admin token saved to'));
      expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await started.process.stop();
    }
  }, 60_000);
});
