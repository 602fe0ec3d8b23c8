import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore, type FlowDocument } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFlow, nodeSteps, openEngine, runFlow } from './support/engine-harness.ts';

const store = createMemoryStore();
const doubleFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'double',
  name: 'Double',
  nodes: [
    { id: 'in', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: 'double',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 200, y: 0 },
      config: { mapping: '=n * 2' },
    },
  ],
  edges: [{ id: 'e1', source: { node: 'in', port: 'out' }, target: { node: 'double', port: 'in' } }],
};
const engine = openEngine(store, {
  flows: {
    resolve: async (flowId) => (flowId === 'double' ? { document: doubleFlow, version: 1 } : undefined),
  },
});

let server: Server;
let base: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  // `/order/<n>` answers "processing" until its n-th request, then "success".
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({ order_state: count >= Number(path.split('/').pop()) ? 'success' : 'processing' }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await engine.stop();
  server.close();
});

describe('flow.forEach through the engine', () => {
  const flow = loadFlow(new URL('./fixtures/for-each.json', import.meta.url));

  it('runs a child per item within the concurrency limit and collects failures', async () => {
    let active = 0;
    let peak = 0;
    const off = engine.on((event) => {
      if (event.type === 'run.started' && event.run.parentRunId) peak = Math.max(peak, ++active);
      if ((event.type === 'run.completed' || event.type === 'run.failed') && event.run.parentRunId) active--;
    });
    const run = await runFlow(engine, store, flow, { numbers: [1, 2, -3, 4, 5] });
    off();
    expect(run.status).toBe('succeeded');
    expect(run.output).toMatchObject({
      results: [2, 4, null, 8, 10],
      failures: [{ index: 2, error: { code: 'JX_USER_NEGATIVE', message: 'Item 2 is negative.' } }],
      succeeded: 4,
      failed: 1,
    });
    // Each child sleeps 20 ms, so two are in flight together, and never a third.
    expect(peak).toBe(2);
  });
});

describe('flow.call through the engine', () => {
  it('runs a stored flow resolved by id', async () => {
    const caller: FlowDocument = {
      schemaVersion: 1,
      id: 'caller',
      name: 'Caller',
      nodes: [
        { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        {
          id: 'call',
          type: 'flow.call',
          typeVersion: 1,
          position: { x: 200, y: 0 },
          config: { subflow: { flowId: 'double' } },
        },
      ],
      edges: [{ id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'call', port: 'in' } }],
    };
    expect(await runFlow(engine, store, caller, { n: 21 })).toMatchObject({
      status: 'succeeded',
      output: 42,
    });
    const missing = structuredClone(caller);
    missing.nodes[1]!.config = { subflow: { flowId: 'nowhere' } };
    expect(await runFlow(engine, store, missing, { n: 1 })).toMatchObject({
      status: 'failed',
      error: { code: 'JX_SUBFLOW_NOT_FOUND' },
    });
  });
});

describe('flow.delay and flow.poll through the engine', () => {
  const flow = loadFlow(new URL('./fixtures/delay-poll.json', import.meta.url));

  it('sleeps durably, then polls with durable sleeps until the condition holds', async () => {
    const run = await runFlow(engine, store, flow, { url: `${base}/order/3`, timeoutSeconds: 5 });
    expect(run).toMatchObject({ status: 'succeeded', output: { state: 'success', checks: 3 } });
    expect(await nodeSteps(store, run.id, 'pause')).toEqual([
      'node.started',
      'node.waiting',
      'node.resumed',
      'node.started',
      'node.completed',
    ]);
    const pollSteps = await nodeSteps(store, run.id, 'poll');
    expect(pollSteps.filter((step) => step === 'node.waiting')).toHaveLength(2);
    expect(await nodeSteps(store, run.id, 'gaveUp')).toEqual(['node.skipped']);
  });

  it('goes out on timeout when the deadline passes', async () => {
    const run = await runFlow(engine, store, flow, { url: `${base}/order/1000`, timeoutSeconds: 0.1 });
    expect(run.status).toBe('succeeded');
    expect(run.output).toMatchObject({ gaveUpAfter: expect.any(Number) });
    expect(await nodeSteps(store, run.id, 'settled')).toEqual(['node.skipped']);
  });
});
