import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { type RunningServer, startServer } from '@junction/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJunctionClient, EXAMPLE_FLOW_IDS, loadExamples } from './index.ts';

describe('loadExamples', () => {
  let sandbox: SandboxHandle;
  let server: RunningServer;
  let dataDir: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ timeFactor: 0.01 });
    dataDir = mkdtempSync(join(tmpdir(), 'junction-load-examples-'));
    server = await startServer({
      port: 0,
      dataDir,
      logLevel: 'silent',
      egress: { allow: [new URL(sandbox.gatewayUrl).host] },
    });
  });
  afterAll(async () => {
    await server?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the sandbox credential and deploys every example with the notify URL of this server', async () => {
    const token = server.adminToken!;
    const loaded = await loadExamples({ serverUrl: server.url, token, sandbox });
    expect(loaded.flows).toEqual(EXAMPLE_FLOW_IDS.map((id) => ({ id, version: 1 })));
    expect(loaded.notifyUrl).toBe(`${server.url}/callbacks/card-platform`);

    const api = createJunctionClient({ serverUrl: server.url, token });
    const { credentials } = await api.request<{ credentials: Record<string, unknown>[] }>(
      'GET',
      '/api/credentials',
    );
    const credential = credentials.find((c) => c.id === 'sandbox')!;
    expect(credential).toMatchObject({ kind: 'card-platform', allowedHosts: ['127.0.0.1'] });
    expect(JSON.stringify(credentials)).not.toContain(sandbox.appSecret);

    const deployed = await api.request<{ flow: { settings: { variables: Record<string, unknown> } } }>(
      'GET',
      '/api/flows/order-card/versions/1',
    );
    expect(deployed.flow.settings.variables.notifyUrl).toBe(loaded.notifyUrl);
    const { flows } = await api.request<{ flows: { id: string; deployment: { version: number } }[] }>(
      'GET',
      '/api/flows',
    );
    expect(flows.map((f) => [f.id, f.deployment.version]).sort()).toEqual(
      EXAMPLE_FLOW_IDS.map((id) => [id, 1]).sort(),
    );
  });

  it('is safe to call again: unchanged flows keep their version, changed ones get the next', async () => {
    const token = server.adminToken!;
    const again = await loadExamples({ serverUrl: server.url, token, sandbox });
    expect(again.flows.map((f) => f.version)).toEqual([1, 1, 1]);
    const changed = await loadExamples({
      serverUrl: server.url,
      token,
      sandbox,
      variables: { callbackTimeoutMs: 5_000 },
    });
    // sync-products declares no variables, so it stays as it was.
    expect(changed.flows).toEqual([
      { id: 'order-card', version: 2 },
      { id: 'top-up', version: 2 },
      { id: 'sync-products', version: 1 },
    ]);
  });

  it('derives the notify URL from publicUrl when the supplier reaches the server elsewhere', async () => {
    const loaded = await loadExamples({
      serverUrl: server.url,
      publicUrl: 'https://junction.example.com/',
      token: server.adminToken!,
      sandbox,
      flows: ['top-up'],
    });
    expect(loaded.notifyUrl).toBe('https://junction.example.com/callbacks/card-platform');
    const api = createJunctionClient({ serverUrl: server.url, token: server.adminToken! });
    const { flow } = await api.request<{ flow: { settings: { variables: Record<string, unknown> } } }>(
      'GET',
      `/api/flows/top-up/versions/${loaded.flows[0]!.version}`,
    );
    expect(flow.settings.variables.notifyUrl).toBe(loaded.notifyUrl);
  });

  it('fails with the server error when the token is wrong', async () => {
    await expect(loadExamples({ serverUrl: server.url, token: 'nope', sandbox })).rejects.toMatchObject({
      code: 'JX_EXAMPLES_API',
      details: { status: 401 },
    });
  });
});
