import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowDocument } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { spawnJunction } from '../testing/junction-process.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { startServer } from './start-server.ts';

/** An internal service on this machine: whatever it answers must never come back through a node. */
let internal: Server;
let hits = 0;
let url: string;
let port: number;

const flow: FlowDocument = {
  schemaVersion: 1,
  id: 'call-anything',
  name: 'Call any URL',
  nodes: [
    { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: 'call',
      type: 'http.request',
      typeVersion: 1,
      position: { x: 200, y: 0 },
      config: { method: 'GET', url: '=url', responseType: 'text' },
    },
  ],
  edges: [{ id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'call', port: 'in' } }],
};

beforeAll(async () => {
  internal = createServer((_req, res) => {
    hits += 1;
    res.end('internal admin secrets');
  });
  internal.listen(0, '127.0.0.1');
  await once(internal, 'listening');
  port = (internal.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}/admin`;
});

afterAll(() => {
  internal.closeAllConnections();
  internal.close();
});

/** Deploys the flow and runs it against `target`, through `api` (a test server's, or a process's). */
async function deployAndRun(t: Pick<TestServer, 'api'>, target: string) {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
  return (await t.api('POST', `/api/flows/${flow.id}/runs?wait=true`, { input: { url: target } })).json.run;
}

describe('egress of a running server', () => {
  it('refuses loopback by default, telling the operator the exact flag, and returns nothing of the service', async () => {
    const t = await startTestServer({ logLevel: 'silent' });
    try {
      hits = 0;
      for (const target of [url, `http://localhost:${port}/admin`]) {
        const run = await deployAndRun(t, target);
        expect(run.status).toBe('failed');
        expect(run.error).toMatchObject({ code: 'JX_EGRESS_REFUSED', details: { range: 'loopback' } });
        const host = new URL(target).hostname;
        expect(run.error.message).toContain(`--egress-allow ${host}:${port}`);
        expect(run.error.message).toContain(`JUNCTION_EGRESS_ALLOW=${host}:${port}`);
        expect(JSON.stringify(run)).not.toContain('internal admin secrets');
      }
      expect(hits).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('reaches an allowed destination, and only that one', async () => {
    const t = await startTestServer({ logLevel: 'silent', egress: { allow: [`127.0.0.1:${port}`] } });
    try {
      hits = 0;
      const run = await deployAndRun(t, url);
      expect(run.status).toBe('succeeded');
      expect(JSON.stringify(run.output)).toContain('internal admin secrets');
      const other = await deployAndRun(t, 'http://169.254.169.254/latest/meta-data/');
      expect(other.error).toMatchObject({ code: 'JX_EGRESS_REFUSED', details: { range: 'cloud metadata' } });
      expect(hits).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('does not start with an allow-list entry it cannot read', async () => {
    await expect(
      startServer({
        port: 0,
        dataDir: mkdtempSync(join(tmpdir(), 'junction-egress-')),
        logLevel: 'silent',
        egress: { allow: ['10.0.0.0/99'] },
      }),
    ).rejects.toMatchObject({ code: 'JX_EGRESS_ALLOW_INVALID', details: { entry: '10.0.0.0/99' } });
  });
});

describe('egress of junction run', () => {
  async function cli(args: string[], env: Record<string, string> = {}) {
    let out = '';
    let err = '';
    const saved = process.env.JUNCTION_EGRESS_ALLOW;
    if (env.JUNCTION_EGRESS_ALLOW) process.env.JUNCTION_EGRESS_ALLOW = env.JUNCTION_EGRESS_ALLOW;
    try {
      const code = await main(['node', 'junction', ...args], {
        out: (text) => {
          out += `${text}\n`;
        },
        err: (text) => {
          err += `${text}\n`;
        },
      });
      return { code, out, err };
    } finally {
      if (saved === undefined) delete process.env.JUNCTION_EGRESS_ALLOW;
      else process.env.JUNCTION_EGRESS_ALLOW = saved;
    }
  }

  it('refuses by default and allows with --egress-allow or JUNCTION_EGRESS_ALLOW', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'junction-egress-')), 'flow.json');
    writeFileSync(file, JSON.stringify(flow));
    const input = JSON.stringify({ url });
    hits = 0;
    const refused = await cli(['run', file, '--input', input]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('JX_EGRESS_REFUSED');
    expect(refused.err).toContain(`--egress-allow 127.0.0.1:${port}`);
    expect(hits).toBe(0);
    const flag = await cli([
      'run',
      file,
      '--input',
      input,
      '--egress-allow',
      ` 10.0.0.0/8 , 127.0.0.1:${port}`,
    ]);
    expect(flag.code).toBe(0);
    expect(flag.out).toContain('internal admin secrets');
    const env = await cli(['run', file, '--input', input], { JUNCTION_EGRESS_ALLOW: '127.0.0.0/8' });
    expect(env.code).toBe(0);
    expect(hits).toBe(2);
  });
});

describe('egress of junction serve', () => {
  it('takes --egress-allow: says so at start, and its nodes reach that destination', async () => {
    const data = mkdtempSync(join(tmpdir(), 'junction-egress-serve-'));
    const serve = spawnJunction([
      'serve',
      '--port',
      '0',
      '--data',
      data,
      '--egress-allow',
      `127.0.0.1:${port}`,
    ]);
    try {
      const listening = await serve.waitForLine((line) => line.includes('listening on'));
      await serve.waitForLine((line) =>
        line.includes(`Nodes may call public addresses and 127.0.0.1:${port}`),
      );
      const token = /token[^:]*: (jx_\S+)/.exec(
        await serve.waitForLine((l) => l.includes('Admin token')),
      )![1]!;
      const base = /(http:\/\/\S+)/.exec(listening)![1]!;
      const t: Pick<TestServer, 'api'> = {
        api: async (method, path, body) => {
          const response = await fetch(`${base}${path}`, {
            method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          });
          const text = await response.text();
          return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
        },
      };
      hits = 0;
      const run = await deployAndRun(t, url);
      expect(run.status).toBe('succeeded');
      expect(hits).toBe(1);
    } finally {
      await serve.stop();
    }
  });

  it('refuses to start with an entry it cannot read, naming it', async () => {
    const data = mkdtempSync(join(tmpdir(), 'junction-egress-serve-'));
    const serve = spawnJunction(['serve', '--port', '0', '--data', data], {
      JUNCTION_EGRESS_ALLOW: 'erp.internal:99999',
    });
    try {
      await serve.waitForLine((line) => line.includes('JX_EGRESS_ALLOW_INVALID'));
      expect(serve.lines.join('\n')).toContain('"erp.internal:99999"');
    } finally {
      await serve.stop();
    }
  });
});
