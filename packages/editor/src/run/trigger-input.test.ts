import { describe, expect, it } from 'vitest';
import { storeWithCatalogue } from '../../test/support/fixtures.ts';
import type { FlowDocument, FlowNode } from '../document/flow-types.ts';
import { isWebhookRequest, testRunInput, triggerInputGuide } from './trigger-input.ts';

const types = storeWithCatalogue().getState().catalogue.types;

const flowWith = (...nodes: FlowNode[]): FlowDocument => ({
  schemaVersion: 1,
  id: 'f',
  name: 'F',
  nodes,
  edges: [],
});

const webhook = (config: Record<string, unknown>): FlowNode => ({
  id: 'hook',
  name: 'Shop checkout',
  type: 'trigger.webhook',
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config: config as FlowNode['config'],
});

describe('test input for the flow trigger', () => {
  it('pre-fills the webhook example request and explains its shape', () => {
    const guide = triggerInputGuide(
      flowWith(
        webhook({
          path: '/shop/order',
          method: 'POST',
          exampleRequest: { headers: { 'x-shop': 'a' }, body: { product_id: '10000001', buy_num: 1 } },
        }),
      ),
      types,
    );
    expect(guide.kind).toBe('webhook');
    expect(guide.example).toEqual({
      method: 'POST',
      path: 'shop/order',
      headers: { 'x-shop': 'a' },
      query: {},
      body: { product_id: '10000001', buy_num: 1 },
    });
    expect(guide.hint).toContain('"path": "shop/order"');
    expect(guide.hint).toContain('Type just the body');
    // Nothing typed: the example request is sent as it is.
    expect(testRunInput(guide, undefined)).toEqual({ input: guide.example, wrapped: false });
  });

  it('wraps a bare webhook body into the request and leaves a whole request alone', () => {
    const guide = triggerInputGuide(flowWith(webhook({ path: 'shop/order', method: 'ANY' })), types);
    const body = { product_id: '10000001', buy_num: 1 };
    expect(testRunInput(guide, body)).toEqual({
      input: { method: 'POST', path: 'shop/order', headers: {}, query: {}, body },
      wrapped: true,
    });
    expect(testRunInput(guide, { body, headers: { a: 'b' } })).toEqual({
      input: { body, headers: { a: 'b' } },
      wrapped: false,
    });
    // An empty input still reaches the trigger as a request (it used to fail with "got null").
    expect(testRunInput(guide, undefined).input).toMatchObject({ method: 'POST', body: null });
    expect(testRunInput(guide, 'raw text').input).toMatchObject({ body: 'raw text' });
  });

  it('tells a bare body from a request', () => {
    expect(isWebhookRequest({ body: { id: 1 } })).toBe(true);
    expect(isWebhookRequest({ method: 'GET', query: { page: '1' } })).toBe(true);
    expect(isWebhookRequest({ product_id: '1', body: 'x' })).toBe(false);
    expect(isWebhookRequest({ method: 'POST' })).toBe(false);
    expect(isWebhookRequest([{ body: 1 }])).toBe(false);
  });

  it('offers the manual trigger example input and passes it through unwrapped', () => {
    const manual: FlowNode = {
      id: 'start',
      type: 'trigger.manual',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { exampleInput: { customer_order_no: 'A-1' } },
    };
    const guide = triggerInputGuide(flowWith(manual), types);
    expect(guide).toMatchObject({ kind: 'manual', example: { customer_order_no: 'A-1' } });
    expect(testRunInput(guide, undefined)).toEqual({ input: { customer_order_no: 'A-1' }, wrapped: false });
    expect(testRunInput(guide, { other: 1 })).toEqual({ input: { other: 1 }, wrapped: false });
  });

  it('asks kindly for a trigger when the flow has none (or only a disabled one)', () => {
    const disabled = { ...webhook({ path: 'x' }), disabled: true };
    for (const document of [flowWith(), flowWith(disabled)]) {
      const guide = triggerInputGuide(document, types);
      expect(guide.kind).toBe('none');
      expect(guide.hint).toMatch(/^Add a trigger to start/);
    }
  });
});
