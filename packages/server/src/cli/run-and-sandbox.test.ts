import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnJunction } from '../testing/junction-process.ts';
import { runCli } from '../testing/run-cli.ts';
import { fixturePath } from '../testing/test-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'junction-cli-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli([...args]);

describe('junction run', () => {
  it('exits 3 when the run waits for a callback, naming the run and what it waits for', async () => {
    // Without its verification credential: `run` has no vault, and waiting needs none.
    const flow = JSON.parse(readFileSync(fixturePath('await'), 'utf8'));
    delete flow.nodes[1].credentials;
    writeFileSync(join(dir, 'await.flow.json'), JSON.stringify(flow));
    const waited = await cli('run', join(dir, 'await.flow.json'), '--input', '{"order":"CLI-1"}');
    expect(waited.code).toBe(3);
    expect(waited.out).toBe('');
    expect(waited.err).toContain('⏸ wait waiting for orders/CLI-1');
    expect(waited.err).toMatch(/Run \S+ is waiting .*junction serve/);
  });

  it('reads --input from a file with @path', async () => {
    const inputFile = join(dir, 'input.json');
    writeFileSync(inputFile, JSON.stringify({ name: 'from a file' }));
    const ok = await cli('run', fixturePath('hello'), '--input', `@${inputFile}`);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ greeting: 'hello from a file' });
    const missing = await cli('run', fixturePath('hello'), '--input', `@${join(dir, 'nope.json')}`);
    expect(missing.code).toBe(2);
    writeFileSync(join(dir, 'broken.json'), '{"name":');
    const broken = await cli('run', fixturePath('hello'), '--input', `@${join(dir, 'broken.json')}`);
    expect(broken.code).toBe(2);
  });
});

describe('junction sandbox', () => {
  it('starts on --port 0, answers over HTTP, and stops on SIGTERM with exit 0', async () => {
    const sandbox = spawnJunction(['sandbox', '--port', '0', '--seed', '7']);
    try {
      const banner = await sandbox.waitForLine((line) => line.includes('listening on'));
      const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
      expect(url).toMatch(/^http:\/\/[^:]+:\d+$/);
      expect(url).not.toMatch(/:0$/);
      const health = await fetch(`${url}/health`);
      expect(await health.json()).toEqual({ ok: true });
      const gateway = await fetch(`${url}/api/gateway`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'user.info.get' }),
      });
      expect(gateway.status).toBe(200);
      const refusal = (await gateway.json()) as { code: number };
      expect(refusal.code).not.toBe(0);
    } finally {
      await sandbox.stop();
    }
    expect(sandbox.child.exitCode).toBe(0);
  });
});
