import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSandboxCliOptions } from '../cli/cli-options.ts';
import { callGateway, loadSandboxConfig, startSandbox } from '../index.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function runNode(args: string[], onLine?: (line: string, kill: () => void) => void) {
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', ...args], {
    cwd: here('../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) onLine?.(line, () => child.kill('SIGTERM'));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('startSandbox', () => {
  it('releases the event loop after close()', async () => {
    const { code, output } = await runNode([here('../testing/close-fixture.ts')]);
    expect(output).toContain('closed');
    expect(code).toBe(0);
  }, 20_000);

  it('uses config merchants and faults, and reset restores the configured faults', async () => {
    const merchant = { appKey: 'shop-2', appSecret: '22222222222222222222222222222222', balance: 50 };
    const sandbox = await startSandbox({
      config: { merchants: [merchant], faults: { appKeys: { 'shop-2': { latencyMs: 1 } } } },
    });
    try {
      const { result } = await callGateway<{ balance: number }>(
        sandbox.gatewayUrl,
        merchant,
        'user.info.get',
      );
      expect(result?.balance).toBe(50);
      sandbox.setFaults(undefined, { appKey: 'shop-2' });
      expect(sandbox.faults().appKeys).toEqual({});
      sandbox.reset();
      expect(sandbox.faults().appKeys).toEqual({ 'shop-2': { latencyMs: 1 } });
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a non-positive time factor', async () => {
    await expect(startSandbox({ timeFactor: 0 })).rejects.toMatchObject({ code: 'JX_SANDBOX_TIME_FACTOR' });
  });
});

describe('config files and CLI options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-config-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('loads a config file and refuses bad ones with a coded error', () => {
    const good = write(
      'good.json',
      JSON.stringify({ settleDelayMs: 10, faults: { global: { callbackNever: true } } }),
    );
    expect(loadSandboxConfig(good)).toEqual({
      settleDelayMs: 10,
      faults: { global: { callbackNever: true } },
    });
    for (const [name, text, message] of [
      ['typo.json', '{"fault": {}}', 'unknown key "fault"'],
      ['broken.json', '{', 'not valid JSON'],
      ['secret.json', '{"merchants":[{"appKey":"x","appSecret":"short"}]}', 'must be 32 characters'],
      ['faults.json', '{"faults":{"global":{"latency":1}}}', 'unknown fault "latency"'],
    ]) {
      expect(() => loadSandboxConfig(write(name!, text!))).toThrow(message);
    }
    expect(() => loadSandboxConfig(join(dir, 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CONFIG' }),
    );
  });

  it('reads flags before environment variables', () => {
    const config = write('cli.json', '{"settleDelayMs": 5}');
    const options = parseSandboxCliOptions(['--', '--port', '0', '--time-factor', '0.5'], {
      SANDBOX_PORT: '9999',
      SANDBOX_SEED: '7',
      SANDBOX_CONFIG: config,
      SANDBOX_ADMIN_TOKEN: 'tok',
    });
    expect(options).toEqual({
      port: 0,
      host: '127.0.0.1',
      seed: 7,
      timeFactor: 0.5,
      config: { settleDelayMs: 5, adminToken: 'tok' },
    });
    expect(() => parseSandboxCliOptions(['--port', 'eighty'], {})).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CLI' }),
    );
    expect(() => parseSandboxCliOptions(['--prot', '1'], {})).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CLI' }),
    );
    expect(() => parseSandboxCliOptions(['--port', '1', 'stray'], {})).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CLI' }),
    );
    expect(() => parseSandboxCliOptions(['--seed'], {})).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CLI' }),
    );
  });

  it('starts from the command line, prints the credentials and stops on SIGTERM', async () => {
    let url = '';
    let answered = 0;
    const { code, output } = await runNode(['src/cli.ts', '--port', '0', '--seed', '4'], (line, kill) => {
      const match = /listening on (\S+)/.exec(line);
      if (!match) return;
      url = match[1]!;
      void callGateway(
        `${url}/api/gateway`,
        { appKey: 'sandbox-app', appSecret: '5f2b8c1d9e7a4b3c8d6e0f1a2b3c4d5e' },
        'user.info.get',
      )
        .then((response) => {
          answered = response.code === 0 ? 1 : -1;
        })
        .finally(kill);
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain('app key      sandbox-app');
    expect(output).toContain('app secret   5f2b8c1d9e7a4b3c8d6e0f1a2b3c4d5e');
    expect(output).toMatch(/x-admin-token: [0-9a-f]{32}/);
    expect(answered).toBe(1);
    expect(code).toBe(0);
  }, 20_000);
});
