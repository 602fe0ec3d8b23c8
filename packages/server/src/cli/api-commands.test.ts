import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, startTestServer, type TestServer } from '../testing/test-server.ts';
import { main } from './main.ts';

const SECRET = 'cli-SECRET-value-7f3a';
const dir = mkdtempSync(join(tmpdir(), 'junction-cli-api-'));
let ts: TestServer;

async function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  let out = '';
  let err = '';
  const saved = { ...process.env };
  Object.assign(process.env, options.env ?? {});
  try {
    const code = await main(['node', 'junction', ...args], {
      out: (t) => {
        out += `${t}\n`;
      },
      err: (t) => {
        err += `${t}\n`;
      },
      readStdin: async () => options.stdin ?? '',
    });
    return { code, out, err };
  } finally {
    process.env = saved;
  }
}

const api = () => ['--url', ts.url, '--token', ts.token];

beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts.close();
});

describe('junction flows deploy / list against an embedded server', () => {
  it('saves, versions and deploys a file; deploying it again reuses the version', async () => {
    const first = await cli(['flows', 'deploy', fixturePath('webhook'), ...api()]);
    expect(first).toMatchObject({ code: 0, out: 'Deployed orders-hook v1\n' });
    const again = await cli(['flows', 'deploy', fixturePath('webhook'), ...api()]);
    expect(again.out).toBe('Deployed orders-hook v1\n');
    const hook = await fetch(`${ts.url}/hooks/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: 'A-1' }),
    });
    expect(await hook.json()).toEqual({ order: 'A-1', version: 1 });
    const list = await cli(['flows', 'list', ...api()]);
    expect(list.out).toMatch(/orders-hook\tv1\tv1\tOrder webhook/);
  });

  it('a changed file becomes a new version; --canary-percent runs it beside main', async () => {
    const changed = join(dir, 'changed.json');
    const doc = JSON.parse(readFileSync(fixturePath('webhook'), 'utf8'));
    writeFileSync(changed, JSON.stringify({ ...doc, name: 'Order webhook 2' }));
    const canary = await cli([
      'flows',
      'deploy',
      changed,
      '--canary-percent',
      '25',
      '--routing-key',
      '=body.order',
      ...api(),
    ]);
    expect(canary).toMatchObject({ code: 0, out: 'Deployed orders-hook: v1 main, v2 canary at 25%\n' });
    const deployment = (await ts.api('GET', '/api/flows/orders-hook')).json.deployment;
    expect(deployment).toMatchObject({
      version: 1,
      canary: { version: 2, percent: 25, routingKey: '=body.order' },
    });
    const pinned = await cli(['flows', 'deploy', changed, '--version', '1', ...api()]);
    expect(pinned.out).toBe('Deployed orders-hook v1\n');
    expect((await ts.api('GET', '/api/flows/orders-hook')).json.deployment.canary).toBeUndefined();
  });

  it('an invalid flow is refused by the server with every problem: exit 1', async () => {
    const result = await cli(['flows', 'deploy', fixturePath('invalid'), ...api()]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^JX_FLOW_INVALID: /);
    expect(result.err.split('\n').filter((l) => l.startsWith('  /')).length).toBeGreaterThan(0);
  });

  it('exit 2 for bad usage, 4 when no server answers, 5 for a refused token', async () => {
    expect((await cli(['flows', 'deploy', join(dir, 'missing.json'), ...api()])).code).toBe(2);
    const noToken = await cli(['flows', 'list', '--url', ts.url], { env: { JUNCTION_TOKEN: '' } });
    expect(noToken).toMatchObject({ code: 2 });
    expect(noToken.err).toContain('JX_CLI_TOKEN_MISSING');
    const down = await cli(['flows', 'list', '--url', 'http://127.0.0.1:1', '--token', ts.token]);
    expect(down.code).toBe(4);
    expect(down.err).toContain('JX_CLI_SERVER_UNREACHABLE');
    const refused = await cli(['flows', 'list', '--url', ts.url, '--token', 'jx_wrong']);
    expect(refused.code).toBe(5);
    const viaEnv = await cli(['flows', 'list'], { env: { JUNCTION_URL: ts.url, JUNCTION_TOKEN: ts.token } });
    expect(viaEnv.code).toBe(0);
  });
});

describe('junction credentials create / list', () => {
  const data = { appKey: 'ak-1', appSecret: SECRET, gatewayUrl: 'http://127.0.0.1:3100/api/gateway' };
  const base = [
    'credentials',
    'create',
    '--kind',
    'card-platform',
    '--name',
    'Sandbox',
    '--allowed-hosts',
    '127.0.0.1',
  ];

  it('creates from a file and lists metadata only; the secret is never printed', async () => {
    const file = join(dir, 'cred.json');
    writeFileSync(file, JSON.stringify(data));
    const created = await cli([...base, '--id', 'sandbox', '--data-file', file, ...api()]);
    expect(created.code).toBe(0);
    expect(created.out).toContain('Credential sandbox (card-platform) saved');
    const list = await cli(['credentials', 'list', ...api()]);
    expect(list.out).toMatch(/sandbox\tcard-platform\tSandbox\t127\.0\.0\.1\tappSecret/);
    const json = await cli(['credentials', 'list', '--json', ...api()]);
    for (const text of [created.out, created.err, list.out, json.out]) expect(text).not.toContain(SECRET);
  });

  it('stdin and env work; an existing id is a conflict (1) unless --replace', async () => {
    const again = await cli([...base, '--id', 'sandbox', '--data-stdin', ...api()], {
      stdin: JSON.stringify(data),
    });
    expect(again.code).toBe(1);
    expect(again.err).toContain('JX_CREDENTIAL_EXISTS');
    const replaced = await cli([...base, '--id', 'sandbox', '--data-env', 'CRED', '--replace', ...api()], {
      env: { CRED: JSON.stringify(data) },
    });
    expect(replaced.code).toBe(0);
  });

  it('the server checks the kind and fields (exit 1); bad data is a usage error that quotes nothing (2)', async () => {
    const unknown = await cli(
      [
        'credentials',
        'create',
        '--kind',
        'nope',
        '--name',
        'x',
        '--allowed-hosts',
        'a.example',
        '--data-stdin',
        ...api(),
      ],
      { stdin: '{"a":1}' },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('JX_CREDENTIAL_KIND_UNKNOWN');
    const invalid = await cli([...base, '--data-stdin', ...api()], {
      stdin: JSON.stringify({ appKey: 'k' }),
    });
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('JX_CREDENTIAL_INVALID');
    const broken = await cli([...base, '--data-stdin', ...api()], { stdin: `{"appSecret": "${SECRET}"` });
    expect(broken.code).toBe(2);
    expect(broken.err).not.toContain(SECRET);
    const file = join(dir, 'broken.json');
    writeFileSync(file, `{"appSecret": "${SECRET}" x}`);
    const brokenFile = await cli([...base, '--data-file', file, ...api()]);
    expect(brokenFile.code).toBe(2);
    expect(brokenFile.err).not.toContain(SECRET);
    expect((await cli([...base, ...api()])).code).toBe(2);
  });
});
