import { describe, expect, it } from 'vitest';
import { orderFlow, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { startingRun } from '../run/run-state.ts';
import { completionSources } from './completion-sources.ts';

describe('completionSources', () => {
  it('lists upstream nodes nearest first, with run data over output schemas', () => {
    const store = storeWithCatalogue(orderFlow());
    let sources = completionSources(store.getState(), 'inStock');
    expect(Object.keys(sources.nodes)).toEqual(['fetchProduct', 'webhook']);
    expect(Object.keys(sources.nodes.webhook!.ports.out!.children ?? {})).toEqual(['body', 'headers']);
    store.getState().setRun({
      ...startingRun('r1'),
      input: { sku: 'A' },
      nodes: {
        webhook: { status: 'succeeded', attempts: 1, output: { out: { body: { sku: 'A', qty: 2 } } } },
      },
    });
    sources = completionSources(store.getState(), 'inStock');
    expect(sources.nodes.webhook!.ports.out!.children?.body?.children?.qty?.sample).toBe('2');
    expect(sources.trigger?.children?.sku?.type).toBe('string');
  });

  it('offers the fields of the webhook example request before any test run', () => {
    const flow = orderFlow();
    const webhook = flow.nodes.find((n) => n.id === 'webhook')!;
    webhook.config = { ...webhook.config, exampleRequest: { body: { product_id: '10000001', buy_num: 1 } } };
    const sources = completionSources(storeWithCatalogue(flow).getState(), 'inStock');
    const body = sources.nodes.webhook!.ports.out!.children?.body;
    expect(Object.keys(body?.children ?? {})).toEqual(['product_id', 'buy_num']);
    expect(sources.trigger?.children?.body?.children?.buy_num?.sample).toBe('1');
  });
});
