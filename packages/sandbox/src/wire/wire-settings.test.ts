import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSandboxCliOptions } from '../cli/cli-options.ts';
import { formatSandboxBanner, loadSandboxConfig, type SandboxHandle, startSandbox } from '../index.ts';

// Where the charset and format are set: the config file, command-line flags and variables, the
// admin API at runtime (reset restores the configured ones), and the in-process handle.

const dir = mkdtempSync(join(tmpdir(), 'sandbox-wire-'));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

describe('config file and command line', () => {
  it('reads charset and format from the config file, and refuses other values', () => {
    expect(loadSandboxConfig(write('legacy.json', { charset: 'GBK', format: 'xml' }))).toEqual({
      charset: 'gbk',
      format: 'xml',
    });
    expect(() => loadSandboxConfig(write('big5.json', { charset: 'big5' }))).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CONFIG', message: expect.stringContaining('utf-8, gbk') }),
    );
    expect(() => loadSandboxConfig(write('yaml.json', { format: 'yaml' }))).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CONFIG' }),
    );
  });

  it('takes --charset and --format (or SANDBOX_CHARSET, SANDBOX_FORMAT) over the config file', () => {
    const config = write('json.json', { charset: 'utf-8', format: 'json' });
    expect(
      parseSandboxCliOptions(['--config', config, '--charset', 'gbk'], { SANDBOX_FORMAT: 'xml' }).config,
    ).toEqual({ charset: 'gbk', format: 'xml' });
    expect(parseSandboxCliOptions([], {}).config).toEqual({});
    expect(() => parseSandboxCliOptions(['--format', 'soap'], {})).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_CLI', message: expect.stringContaining('--format') }),
    );
  });
});

describe('admin API and handle', () => {
  let sandbox: SandboxHandle;
  const admin = async (method: string, body?: unknown) => {
    const response = await fetch(`${sandbox.adminUrl}/wire-format`, {
      method,
      headers: { 'x-admin-token': sandbox.adminToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary admin JSON.
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  beforeAll(async () => {
    sandbox = await startSandbox({ config: { format: 'xml' } });
  });
  afterAll(() => sandbox.close());

  it('shows, switches and resets the wire format, and says it in the banner', async () => {
    expect((await admin('GET')).json).toEqual({ wireFormat: { charset: 'utf-8', format: 'xml' } });
    expect(formatSandboxBanner(sandbox)).toContain('speaks xml in utf-8');
    expect((await admin('PUT', { charset: 'gbk', format: 'json' })).json).toEqual({
      wireFormat: { charset: 'gbk', format: 'json' },
    });
    expect(sandbox.wireFormat()).toEqual({ charset: 'gbk', format: 'json' });
    sandbox.reset();
    expect(sandbox.wireFormat()).toEqual({ charset: 'utf-8', format: 'xml' });
    expect(sandbox.setWireFormat({ charset: 'gbk' })).toEqual({ charset: 'gbk', format: 'json' });
  });

  it('refuses unknown keys and values with a coded 400 and keeps the setting', async () => {
    sandbox.reset();
    for (const body of [{ charset: 'shift_jis' }, { format: 'csv' }, { encoding: 'gbk' }]) {
      const { status, json } = await admin('PUT', body);
      expect(status).toBe(400);
      expect(json.error.code).toBe('JX_SANDBOX_WIRE_INVALID');
    }
    expect(sandbox.wireFormat()).toEqual({ charset: 'utf-8', format: 'xml' });
  });
});
