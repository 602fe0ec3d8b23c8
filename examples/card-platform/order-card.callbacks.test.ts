import { signPayload } from '@junction/sandbox';
import { describe, expect, it } from 'vitest';
import { nodesThatEmitted, useCardStack } from './support/card-stack.ts';

const STEAM_50 = '10000001';

describe('order-card: forged and missing callbacks', () => {
  const stack = useCardStack({ resetEach: true });

  it('rejects a callback with a bad signature (401) and keeps the run waiting for a genuine one', async () => {
    const { sandbox } = stack();
    sandbox.setFaults({ callbackBadSignature: true });
    const answer = await stack().hook('shop/order', { product_id: STEAM_50, customer_order_no: 'B-2001' });
    const runId = answer.headers.get('x-junction-run-id')!;

    // The supplier's first try and its first retry are both refused.
    const rejected = await sandbox.waitForDeliveries(2, { filter: { customerOrderNo: 'B-2001' } });
    for (const delivery of rejected) {
      expect(delivery).toMatchObject({ badSignature: true, httpStatus: 401, outcome: 'rejected' });
      expect(delivery.responseBody).toContain('JX_CALLBACK_SIGNATURE_INVALID');
    }
    const waiting = await stack().waitForRun(runId, ['waiting']);
    expect(waiting.nodes.find((node) => node.nodeId === 'awaitCallback')?.status).toBe('waiting');

    // A genuinely signed callback for the same order resumes it.
    const { sign: _bad, ...fields } = rejected[0]!.body;
    const genuine = { ...fields, sign: signPayload(fields, sandbox.appSecret) };
    const ack = await stack().callback('card-platform', genuine);
    expect(ack).toMatchObject({ status: 200, body: 'success' });
    const view = await stack().waitForRun(runId);
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toMatchObject({ status: 'delivered', customer_order_no: 'B-2001' });
    expect(sandbox.orders({ customerOrderNo: 'B-2001' })).toHaveLength(1);
  });

  it('polls the order when no callback comes before the timeout, and delivers once it settled', async () => {
    const { sandbox } = stack();
    await stack().redeploy('order-card', { callbackTimeoutMs: 300 });
    try {
      sandbox.setFaults({ callbackNever: true });
      const before = sandbox.balance();
      const answer = await stack().hook('shop/order', { product_id: STEAM_50, customer_order_no: 'B-2002' });
      const view = await stack().waitForRun(answer.headers.get('x-junction-run-id')!);
      expect(view.run.status).toBe('succeeded');
      expect(view.run.output).toMatchObject({ status: 'delivered', customer_order_no: 'B-2002' });
      expect(nodesThatEmitted(view, 'timeout')).toContain('awaitCallback');
      expect(nodesThatEmitted(view, 'out')).toContain('pollOrder');

      // The supplier never sent a callback; its order is settled and charged exactly once.
      expect(sandbox.deliveries({ customerOrderNo: 'B-2002' })).toHaveLength(0);
      const orders = sandbox.orders({ customerOrderNo: 'B-2002' });
      expect(orders).toHaveLength(1);
      expect(orders[0]!.order_state).toBe('success');
      expect(sandbox.balance()).toBeCloseTo(before - orders[0]!.order_price, 4);
    } finally {
      await stack().redeploy('order-card', {});
    }
  });
});
