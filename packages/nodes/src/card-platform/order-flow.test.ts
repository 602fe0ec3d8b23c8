import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createEngine,
  createMemoryStore,
  type Engine,
  type FlowDocument,
  type Json,
  type RunRecord,
  type RunStore,
  validateFlow,
} from '@junction/runtime';
import { type SandboxHandle, startSandbox } from '@junction/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCallbackAwait } from '../callback/describe-callback-await.ts';
import { readKeyPath } from '../callback/key-path.ts';
import { verifyIncoming } from '../credentials/verify-incoming.ts';
import { createBuiltinRegistry } from '../registry/create-builtin-registry.ts';
import { loopbackEgress } from '../testing/loopback-egress.ts';
import { sandboxCredential } from './test-support.ts';

const flow = JSON.parse(
  readFileSync(new URL('./fixtures/order-and-await.json', import.meta.url), 'utf8'),
) as FlowDocument;
let sandbox: SandboxHandle;
let store: RunStore;
let engine: Engine;
let ingress: Server;
let notifyUrl: string;
const rejected: number[] = [];

/** A minimal stand-in for the server's callback ingress, built from the helpers the server uses. */
function startIngress(): Server {
  const route = describeCallbackAwait(flow.nodes.find((node) => node.id === 'wait')!)!;
  return createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', async () => {
      const body = JSON.parse(raw) as Json;
      const verdict = await verifyIncoming(sandboxCredential(sandbox), { body, rawBody: raw });
      if (!verdict.ok) {
        rejected.push(401);
        res.statusCode = 401;
        res.end(verdict.code);
        return;
      }
      await engine.resume(route.channel, readKeyPath(body, route.keyPath)!, body);
      res.end(route.ack);
    });
  });
}

async function finished(runId: string, timeoutMs = 5_000): Promise<RunRecord> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const run = await store.getRun(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > giveUp) throw new Error(`run ${runId} is still ${run?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 3, timeFactor: 0.001 });
  store = createMemoryStore();
  engine = createEngine({
    store,
    registry: createBuiltinRegistry({ egress: loopbackEgress }),
    credentials: { resolve: async (id) => (id === 'cp' ? sandboxCredential(sandbox) : undefined) },
  });
  engine.startBackground();
  ingress = startIngress();
  ingress.listen(0, '127.0.0.1');
  await once(ingress, 'listening');
  notifyUrl = `http://127.0.0.1:${(ingress.address() as AddressInfo).port}/callbacks/card-orders`;
});

afterAll(async () => {
  await engine.stop();
  ingress.close();
  await sandbox.close();
});

describe('order → await callback → query → decrypt, through the engine and the sandbox', () => {
  it('is a valid flow for the built-in registry', async () => {
    const kinds = { credentialKind: (id: string) => (id === 'cp' ? 'card-platform' : undefined) };
    expect(validateFlow(flow, createBuiltinRegistry(), kinds)).toEqual([]);
    const wrongKind = { credentialKind: () => 'bearer' };
    expect(validateFlow(flow, createBuiltinRegistry(), wrongKind).length).toBeGreaterThan(0);
  });

  it('suspends on the callback and completes with the decrypted cards', async () => {
    sandbox.setFaults({ settlement: 'success' });
    const handle = await engine.start(flow, { input: { productId: '10000001', notifyUrl } });
    const first = await handle.done;
    expect(['waiting', 'succeeded']).toContain(first.status);
    const run = await finished(handle.id);
    expect(run.status).toBe('succeeded');
    const output = run.output as { count: number; numbers: string[] };
    const orders = sandbox.orders({ appKey: sandbox.appKey });
    expect(orders).toHaveLength(1);
    expect(output.count).toBe(2);
    expect(output.numbers[0]).not.toBe(orders[0]!.cards[0]!.card_number);
    const journal = JSON.stringify(await store.readJournal(handle.id));
    expect(journal).not.toContain(sandbox.appSecret);
  });

  it('rejects a callback with a bad signature and keeps the run waiting', async () => {
    sandbox.reset();
    sandbox.setFaults({ settlement: 'success', callbackBadSignature: true });
    const handle = await engine.start(flow, { input: { productId: '10000002', notifyUrl } });
    expect((await handle.done).status).toBe('waiting');
    await sandbox.waitForDeliveries(1, { timeoutMs: 3_000 });
    expect(rejected.length).toBeGreaterThan(0);
    expect((await store.getRun(handle.id))?.status).toBe('waiting');
    await engine.cancel(handle.id);
  });
});
