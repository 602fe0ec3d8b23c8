import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowDocument } from '@junction/runtime';
import { type RunningServer, startServer } from '@junction/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../src/deploy-flow.ts';
import { createJunctionClient, type JunctionClient } from '../src/junction-client.ts';
import { type MallSimulator, mallHeaders, startMallSimulator } from './mall-simulator.ts';

// The second supplier end to end, connected by a flow file with no code node and a `signature`
// credential on the `header-pairs-raw-body-md5` preset: goods list, an order created once,
// a header-signed notification verified and matched by the order number, a replayed nonce and a
// forged notification refused with nothing resumed, the order queried, the cards delivered.

const FLOW = JSON.parse(readFileSync(join(import.meta.dirname, 'mall-order.json'), 'utf8')) as FlowDocument;

let sim: MallSimulator;
let server: RunningServer;
let api: JunctionClient;
let dataDir: string;

beforeAll(async () => {
  sim = await startMallSimulator({ notifyDelayMs: 800 });
  dataDir = mkdtempSync(join(tmpdir(), 'junction-mall-'));
  server = await startServer({
    port: 0,
    dataDir,
    logLevel: 'silent',
    egress: { allow: [new URL(sim.url).host] },
  });
  api = createJunctionClient({ serverUrl: server.url!, token: server.adminToken! });
  await api.request('POST', '/api/credentials', {
    id: 'mall',
    name: 'Mall supplier',
    kind: 'signature',
    allowedHosts: [new URL(sim.url).hostname],
    data: { preset: 'header-pairs-raw-body-md5', secret: sim.key, appKey: sim.businessId },
  });
  const flow = structuredClone(FLOW);
  flow.settings = {
    ...flow.settings,
    variables: {
      supplierUrl: sim.url,
      notifyUrl: `${server.url}/callbacks/mall-orders`,
      callbackTimeoutMs: 30_000,
    },
  };
  await deployFlow(api, flow);
});
afterAll(async () => {
  await server?.close();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const order = (body: Record<string, unknown>) =>
  fetch(`${server.url}/hooks/mall/order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function waitFor<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function waitForRun(runId: string): Promise<{ status: string; output: unknown }> {
  for (let i = 0; i < 500; i++) {
    const { run } = await api.request<{ run: { status: string; output: unknown } }>(
      'GET',
      `/api/runs/${runId}`,
    );
    if (!['queued', 'running', 'waiting'].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`run ${runId} did not finish`);
}

const runsOf = async (status: string) =>
  (await api.request<{ runs: { id: string }[] }>('GET', `/api/runs?flowId=mall-order&status=${status}`)).runs;

describe('the mall supplier, connected without code', () => {
  it('is a flow file with no code node, its credential a preset', () => {
    expect(FLOW.nodes.map((node) => node.type)).not.toContain('code.js');
    expect(JSON.stringify(FLOW)).not.toContain(sim.key);
  });

  it('orders once, refuses a forged notification while waiting, resumes on the genuine one, queries and delivers', async () => {
    const answer = order({ merchantOrderNo: 'S-1', goodsNo: 'G100', quantity: 2 });
    const placed = await waitFor(() => sim.orders.get('S-1'), 'the supplier order');
    expect(placed.status).toBe(1);

    // A forged notification (signed with another key) for the waiting order: refused, nothing resumed.
    const forgedBody = JSON.stringify({
      merchantOrderNo: 'S-1',
      status: 2,
      cards: [{ no: 'FAKE', pwd: 'x' }],
    });
    const forged = await fetch(`${server.url}/callbacks/mall-orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...mallHeaders(sim.businessId, 'not-the-key', forgedBody),
      },
      body: forgedBody,
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ code: 'E1001', msg: 'signature verification failed' });
    expect(forged.headers.get('x-junction-error')).toBe('JX_SIGNATURE_INVALID');
    expect(await runsOf('waiting')).toHaveLength(1);

    // The shop's answer once the run waits for the supplier; the cards are the run's output.
    const response = await answer;
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    const run = await waitForRun(runId);
    expect(run.status).toBe('succeeded');
    const delivered = run.output as { merchantOrderNo: string; cards: { no: string }[] };
    expect(delivered.merchantOrderNo).toBe('S-1');
    expect(delivered.cards.map((card) => card.no)).toEqual(
      sim.orders.get('S-1')!.cards.map((card) => card.no),
    );
    expect(delivered.cards).toHaveLength(2);
    // The supplier got its acknowledgement in its own convention, and refused nothing of ours.
    expect(sim.notifications).toHaveLength(1);
    expect(sim.notifications[0]!.answer).toEqual({ status: 200, body: '{"code":"0000","msg":"ok"}' });
    expect(sim.refused).toBe(0);

    // The shop retries: the first answer replayed, no second supplier order.
    const retried = await order({ merchantOrderNo: 'S-1', goodsNo: 'G100', quantity: 2 });
    expect(retried.headers.get('x-junction-replayed')).toBe('true');
    expect(((await retried.json()) as { runId: string }).runId).toBe(runId);
    expect([...sim.orders.keys()]).toEqual(['S-1']);
  });

  it('refuses a replay of the genuine notification (same nonce) and records it', async () => {
    const sent = sim.notifications[0]!;
    const replay = await fetch(sent.url, { method: 'POST', headers: sent.headers, body: sent.body });
    expect(replay.status).toBe(401);
    expect(replay.headers.get('x-junction-error')).toBe('JX_SIGNATURE_REPLAYED');
    const log = await api.request<{ callbacks: { outcome: string; reason?: string }[] }>(
      'GET',
      '/api/callbacks?channel=mall-orders&limit=1',
    );
    expect(log.callbacks[0]).toMatchObject({ outcome: 'rejected' });
  });

  it('fails with a code of its own when the goods are out of stock, ordering nothing', async () => {
    const response = await order({ merchantOrderNo: 'S-2', goodsNo: 'G200', quantity: 1 });
    const body = (await response.json()) as { error: { code: string } };
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(body.error.code).toBe('JX_USER_OUT_OF_STOCK');
    expect(sim.orders.has('S-2')).toBe(false);
  });
});
