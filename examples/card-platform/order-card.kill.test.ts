import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptCard, type SandboxHandle, startSandbox } from '@junction/sandbox';
import { type RunningServer, startServer } from '@junction/server';
import { afterAll, describe, expect, it } from 'vitest';
import { createJunctionClient, loadExamples } from '../src/index.ts';
import { LOCAL_EGRESS, TEST_VARIABLES } from './support/card-stack.ts';
import { type ChildServer, startChildServer } from './support/child-server.ts';
import { waitUntil } from './support/wait-until.ts';

describe('order-card: the server process is SIGKILLed while runs wait', () => {
  let sandbox: SandboxHandle | undefined;
  let server: RunningServer | undefined;
  let child: ChildServer | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-examples-kill-'));
  afterAll(async () => {
    await child?.kill();
    await server?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes the waiting runs after a new process takes over the data directory', async () => {
    sandbox = await startSandbox({
      seed: 7,
      timeFactor: 0.01,
      config: {
        settleDelayMs: 360_000_000,
        callbackScheduleMs: [0, 20_000, 40_000, 80_000, 160_000, 320_000],
      },
    });
    // First start in this process: creates the data directory, the admin token and the deployments.
    const first = await startServer({ port: 0, dataDir, logLevel: 'silent', egress: LOCAL_EGRESS });
    const port = Number(new URL(first.url).port);
    const token = first.adminToken!;
    await loadExamples({ serverUrl: first.url, token, sandbox, variables: TEST_VARIABLES });
    await first.close();

    child = await startChildServer(port, dataDir);
    const hook = (orderNo: string) =>
      fetch(`${first.url}/hooks/shop/order`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ product_id: '10000001', customer_order_no: orderNo }),
      });
    const runIds: string[] = [];
    for (const orderNo of ['K-1', 'K-2']) {
      const answer = await hook(orderNo);
      expect(answer.status).toBe(202);
      runIds.push(answer.headers.get('x-junction-run-id')!);
    }
    const api = createJunctionClient({ serverUrl: first.url, token });
    const status = async (runId: string) =>
      (await api.request<{ run: { status: string } }>('GET', `/api/runs/${runId}`)).run.status;
    for (const runId of runIds) {
      await waitUntil(
        async () => ((await status(runId)) === 'waiting' ? true : undefined),
        `${runId} waiting`,
      );
    }

    await child.kill();
    child = undefined;
    // K-1 settles while no server runs: its first callback is refused, the supplier retries.
    sandbox.settle(sandbox.orders({ customerOrderNo: 'K-1' })[0]!.order_id);
    await sandbox.waitForDeliveries(1, { filter: { customerOrderNo: 'K-1' } });

    server = await startServer({ port, dataDir, logLevel: 'silent', egress: LOCAL_EGRESS });
    sandbox.settle(sandbox.orders({ customerOrderNo: 'K-2' })[0]!.order_id);
    for (const runId of runIds) {
      await waitUntil(
        async () => ((await status(runId)) === 'succeeded' ? true : undefined),
        `${runId} succeeded`,
      );
    }
    // Refused while down (once or more, depending on how fast the new process starts), then acknowledged once.
    const k1 = sandbox.deliveries({ customerOrderNo: 'K-1' }).map((d) => d.outcome);
    expect(k1[0]).toBe('error');
    expect(k1.filter((outcome) => outcome === 'acknowledged')).toHaveLength(1);
    expect(k1.at(-1)).toBe('acknowledged');
    expect(sandbox.deliveries({ customerOrderNo: 'K-2' }).map((d) => d.outcome)).toEqual(['acknowledged']);
    // The cards reach the shop after the takeover, and the data directory holds none of them in plain text.
    const files = readdirSync(dataDir)
      .filter((file) => file.startsWith('junction.db'))
      .map((file) => readFileSync(join(dataDir, file)).toString('latin1'))
      .join('\n');
    for (const [i, orderNo] of ['K-1', 'K-2'].entries()) {
      const order = sandbox.orders({ customerOrderNo: orderNo })[0]!;
      const plain = order.cards.map((card) => decryptCard(card.card_pwd, sandbox!.appSecret));
      const { run } = await api.request<{ run: { output: { cards: { card_pwd: string }[] } } }>(
        'GET',
        `/api/runs/${runIds[i]}`,
      );
      expect(run.output.cards.map((card) => card.card_pwd)).toEqual(plain);
      for (const password of plain) expect(files).not.toContain(password);
    }
    expect(
      sandbox
        .orders()
        .map((o) => o.customer_order_no)
        .sort(),
    ).toEqual(['K-1', 'K-2']);
  });
});
