import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';
import { fixturePath, startTestServer } from '../testing/test-server.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/junction.mjs');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli([...args]);

describe('junction CLI', () => {
  it('validate: exit 0 for a good flow, 1 with every problem for a bad one', async () => {
    const good = await cli('validate', fixturePath('hello'));
    expect(good.code).toBe(0);
    expect(good.out).toContain('valid');
    const bad = await cli('validate', fixturePath('invalid'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('JX_UNKNOWN_NODE_TYPE');
    expect(bad.err).toContain('/edges/0/target/node');
  });

  it('run: exit 0 with the output for a succeeding flow, 1 for a failing one', async () => {
    const ok = await cli('run', fixturePath('hello'), '--input', '{"name":"CLI"}');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ greeting: 'hello CLI' });
    expect(ok.err).toContain('✓ greet');
    const failed = await cli('run', fixturePath('failing'));
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('JX_USER_BOOM');
    const invalid = await cli('run', fixturePath('invalid'));
    expect(invalid.code).toBe(1);
  });

  it('exits 2 for bad usage and unreadable files', async () => {
    expect((await cli('run', '/no/such/flow.json')).code).toBe(2);
    expect((await cli('run', fixturePath('hello'), '--input', '{oops')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('validate')).code).toBe(2);
  });

  it('explains usage mistakes: unknown scopes, a missing data dir, a required --input, exit codes', async () => {
    const scopes = await cli(
      'tokens',
      'create',
      '--scopes',
      'bogus,deploy',
      '--data',
      '/nonexistent-junction',
    );
    expect(scopes.code).toBe(2);
    expect(scopes.err).toContain('JX_CLI_DATA_DIR_NOT_FOUND');
    const rotate = await cli('credentials', 'rotate-key', '--data', '/nonexistent-junction');
    expect(rotate.code).toBe(2);
    expect(rotate.err).toMatch(/^JX_CLI_DATA_DIR_NOT_FOUND: \/nonexistent-junction does not exist/);
    const help = await cli('run', '--help');
    expect(help.out).toContain('Exit codes:');
    expect(help.out).toMatch(/3 {2}the run is waiting/);
    const dir = mkdtempSync(join(tmpdir(), 'junction-cli-'));
    dirs.push(dir);
    const flow = JSON.parse(readFileSync(fixturePath('hello'), 'utf8'));
    flow.nodes[0].config = { inputSchema: { type: 'object', required: ['name'] } };
    writeFileSync(join(dir, 'typed.flow.json'), JSON.stringify(flow));
    const noInput = await cli('run', join(dir, 'typed.flow.json'));
    expect(noInput.code).toBe(2);
    expect(noInput.err).toContain('--input is required');
  });

  it('names unknown token scopes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-cli-'));
    dirs.push(dir);
    const scopes = await cli('tokens', 'create', '--scopes', 'bogus,deploy', '--data', dir);
    expect(scopes.err).toContain('Unknown scope bogus');
    expect(scopes.err).toContain('flows:read');
  });

  it('prints help for every command with exit 0', async () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['run', '--help'],
      ['validate', '--help'],
      ['sandbox', '--help'],
      ['tokens', 'create', '--help'],
      ['credentials', 'rotate-key', '--help'],
    ]) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.out).toContain('Usage: junction');
    }
  });

  it('creates tokens that the server accepts and rotates the master key', async () => {
    const t = await startTestServer();
    dirs.push(t.dataDir);
    await t.server.close();
    const created = await cli(
      'tokens',
      'create',
      '--scopes',
      'flows:read',
      '--name',
      'ci',
      '--data',
      t.dataDir,
    );
    expect(created.code).toBe(0);
    const token = created.out.trim().split('\n').at(-1)!;
    const rotated = await cli('credentials', 'rotate-key', '--data', t.dataDir);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain('Re-encrypted 0 credential(s)');
    await t.restart();
    expect((await t.api('GET', '/api/flows', undefined, { token })).status).toBe(200);
    expect((await t.api('POST', '/api/tokens', { name: 'x', scopes: ['admin'] }, { token })).status).toBe(
      403,
    );
    const bad = await cli('tokens', 'create', '--scopes', 'root', '--data', t.dataDir);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('JX_TOKEN_SCOPE_INVALID');
    await t.server.close();
  });

  it('works as the package bin (exit codes through a real process)', async () => {
    const run = promisify(execFile);
    // The sources under test, not whatever dist/ holds (the build has its own test).
    const sources = '--conditions=development';
    const help = await run(process.execPath, [sources, BIN, '--help']);
    expect(help.stdout).toContain('Usage: junction');
    await expect(
      run(process.execPath, [sources, BIN, 'validate', fixturePath('invalid')]),
    ).rejects.toMatchObject({
      code: 1,
    });
  });
});
