import { describe, expect, it } from 'vitest';
import { type RunView, useCardStack } from './support/card-stack.ts';
import { waitUntil } from './support/wait-until.ts';

const STEAM_50 = '10000001';

type AwaitSummary = { status: string; noted?: { payload: { order_status: string } }[] };

// Issue 17, item 2: the supplier calls back while the order is still processing, then with the
// result. The flow must keep waiting on the first notice (its await condition), not fail unsettled.
describe('order-card: a processing notice before settlement', () => {
  // Orders settle only when the test says so: the flow sees the processing notice while the
  // supplier really still reports the order processing.
  const stack = useCardStack({ resetEach: true, sandbox: { config: { settleDelayMs: 1e12 } } });

  it('notes the processing notice, keeps waiting, and delivers on the result callback', async () => {
    const { sandbox } = stack();
    // Every notice twice as well: the supplier's retries of a notice resume nothing.
    sandbox.setFaults({ callbackBeforeSettlement: true, callbackDuplicate: true });
    const answer = await stack().hook('shop/order', { product_id: STEAM_50, customer_order_no: 'P-5001' });
    expect(answer.status).toBe(202);
    const runId = answer.headers.get('x-junction-run-id')!;

    // Noted (still waiting) — or, without the await condition, already failed unsettled.
    const noticed = await waitUntil(async () => {
      const view = await stack().api.request<RunView>('GET', `/api/runs/${runId}`);
      const node = view.nodes.find((n) => n.nodeId === 'awaitCallback') as AwaitSummary | undefined;
      const copies = sandbox.deliveries().filter((d) => d.customerOrderNo === 'P-5001');
      const settledRun = ['succeeded', 'failed'].includes(view.run.status);
      return settledRun || (node?.noted?.length && copies.length === 2) ? { view, node } : undefined;
    }, 'the processing notice to be noted');
    expect(noticed.view.run.status).toBe('waiting');
    expect(noticed.node).toMatchObject({ status: 'waiting' });
    expect(noticed.node?.noted?.map((notice) => notice.payload.order_status)).toEqual(['processing']);

    const [order] = sandbox.orders({ customerOrderNo: 'P-5001' });
    sandbox.settle(order!.order_id, 'success');
    const view = await stack().waitForRun(runId);
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toMatchObject({ status: 'delivered', customer_order_no: 'P-5001' });

    const deliveries = await sandbox.waitForDeliveries(4, { filter: { customerOrderNo: 'P-5001' } });
    expect(deliveries.map((d) => d.body.order_status).sort()).toEqual([
      'processing',
      'processing',
      'success',
      'success',
    ]);
    // Each one verified and acknowledged as configured, so the supplier stops retrying.
    for (const delivery of deliveries)
      expect(delivery).toMatchObject({ httpStatus: 200, responseBody: 'success' });
    const steps = view.journal.filter((entry) => entry.nodeId === 'awaitCallback').map((entry) => entry.type);
    expect(steps.filter((type) => type === 'node.noted')).toHaveLength(1);
    expect(steps.filter((type) => type === 'node.resumed')).toHaveLength(1);
    const started = (nodeId: string) =>
      view.journal.filter((entry) => entry.nodeId === nodeId && entry.type === 'node.started');
    expect(started('failUnsettled')).toHaveLength(0);
    expect(started('queryOrder')).toHaveLength(1);
    expect(sandbox.orders({ customerOrderNo: 'P-5001' })).toHaveLength(1);
  });
});
