import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const SECRET = 'bearer-SECRET-91f0c3d2e4';
let t: TestServer;
let api: Server;
let apiUrl: string;

beforeAll(async () => {
  // A supplier API that checks the bearer token; `/echo` (like many debug endpoints) sends the
  // request headers back, secret included — the engine must mask it before anything is stored.
  api = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/echo') return response.end(JSON.stringify({ headers: request.headers }));
    response.end(JSON.stringify({ authorized: request.headers.authorization === `Bearer ${SECRET}` }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/orders`;
  t = await startTestServer({ egress: { allow: [new URL(apiUrl).host] } });
  for (const [id, hosts] of [
    ['api-token', ['127.0.0.1']],
    ['locked-token', ['api.example.test']],
  ] as const) {
    const created = await t.api('POST', '/api/credentials', {
      id,
      name: id,
      kind: 'bearer',
      allowedHosts: hosts,
      data: { token: SECRET },
    });
    expect(created.status).toBe(201);
  }
  const open = fixture('call-api');
  const locked = { ...fixture('call-api'), id: 'call-locked' };
  locked.nodes[1]!.credentials = { auth: 'locked-token' };
  for (const flow of [open, locked]) {
    expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    const version = await t.api('POST', `/api/flows/${flow.id}/versions`);
    await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: version.json.version });
  }
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => api.close(resolve));
});

describe('credentials in runs', () => {
  it('signs requests to allowed hosts and refuses other hosts with a coded error', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await t.api('POST', '/api/flows/call-api/runs?wait=true', { input: { url: apiUrl } });
      expect(ok.json.run.status).toBe('succeeded');
      expect(JSON.stringify(ok.json.run.output)).toContain('"authorized":true');
    }
    const echoed = await t.api('POST', '/api/flows/call-api/runs?wait=true', {
      input: { url: apiUrl.replace('/orders', '/echo') },
    });
    expect(echoed.json.run.status).toBe('succeeded');
    expect(JSON.stringify(echoed.json.run.output)).toContain('"authorization":"Bearer [redacted]"');
    const refused = await t.api('POST', '/api/flows/call-locked/runs?wait=true', { input: { url: apiUrl } });
    expect(refused.json.run.status).toBe('failed');
    expect(refused.json.run.error.code).toBe('JX_CREDENTIAL_HOST_FORBIDDEN');
  });

  it('never shows the secret in responses, run journals, logs or the database file', async () => {
    const runs = await t.api('GET', '/api/runs?limit=100');
    const details = await Promise.all(
      runs.json.runs.map((r: { id: string }) => t.api('GET', `/api/runs/${r.id}`)),
    );
    const texts = [
      runs.text,
      ...details.map((d) => d.text),
      (await t.api('GET', '/api/credentials')).text,
      (await t.api('GET', '/api/stats')).text,
      (await t.api('GET', '/metrics')).text,
      t.logs.join(''),
    ];
    for (const text of texts) expect(text).not.toContain(SECRET);
    const files = readdirSync(t.dataDir).filter((f) => f.startsWith('junction.db'));
    for (const file of files)
      expect(readFileSync(join(t.dataDir, file)).includes(Buffer.from(SECRET))).toBe(false);
    // Ordinary requests log nothing (failures and slow ones do); the start line proves logs were captured.
    expect(t.logs.length).toBeGreaterThan(0);
  });
});

describe('metrics and stats', () => {
  it('reports runs by version and status, node calls, errors and latency percentiles', async () => {
    const stats = await t.api('GET', '/api/stats?flowId=call-api');
    expect(stats.status).toBe(200);
    const flow = stats.json.flows.find((f: { flowId: string }) => f.flowId === 'call-api');
    expect(flow).toMatchObject({ version: 1, runs: { succeeded: 4, failed: 0 } });
    const call = flow.nodes.find((n: { nodeId: string }) => n.nodeId === 'call');
    expect(call).toMatchObject({ type: 'http.request', calls: 4, errors: 0 });
    expect(call.p50).toEqual(expect.any(Number));
    expect(call.p99).toBeGreaterThanOrEqual(call.p50);

    const all = await t.api('GET', '/api/stats');
    expect(all.json.errors[0]).toMatchObject({
      flowId: 'call-locked',
      version: 1,
      code: 'JX_CREDENTIAL_HOST_FORBIDDEN',
    });

    const metrics = await t.api('GET', '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toContain('junction_runs_total{flow="call-api",status="succeeded",version="1"} 4');
    expect(metrics.text).toContain(
      'junction_node_calls_total{flow="call-api",node="call",type="http.request",version="1"} 4',
    );
    expect(metrics.text).toMatch(
      /junction_node_errors_total\{flow="call-locked",node="call",type="http.request",version="1"\} [1-9]/,
    );
    expect(metrics.text).toContain('junction_node_duration_seconds_bucket');
  });

  it('keeps counters across a restart (percentiles start afresh)', async () => {
    await t.restart();
    const metrics = await t.api('GET', '/metrics');
    expect(metrics.text).toContain('junction_runs_total{flow="call-api",status="succeeded",version="1"} 4');
    const stats = await t.api('GET', '/api/stats?flowId=call-api');
    const call = stats.json.flows[0].nodes.find((n: { nodeId: string }) => n.nodeId === 'call');
    expect(call).toMatchObject({ calls: 4, p50: null });
  });
});
