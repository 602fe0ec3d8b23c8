import { readFileSync } from 'node:fs';
import { createBuiltinRegistry } from '@junction/nodes';
import { evaluateExpression, parseFlow, serializeFlow, validateFlow } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FLOW_IDS, exampleFlowPath, readExampleFlow, SANDBOX_CREDENTIAL_ID } from '../src/index.ts';

describe.each(EXAMPLE_FLOW_IDS)('%s.json', (id) => {
  const text = readFileSync(exampleFlowPath(id), 'utf8');
  const flow = parseFlow(text);

  it('is byte-stable: serializeFlow(parseFlow(file)) is the file', () => {
    expect(serializeFlow(parseFlow(text))).toBe(text);
    expect(flow.id).toBe(id);
  });

  it('validates against the built-in node types with the sandbox credential', () => {
    const credentialKind = (credentialId: string) =>
      credentialId === SANDBOX_CREDENTIAL_ID ? 'card-platform' : undefined;
    expect(validateFlow(flow, createBuiltinRegistry(), { credentialKind })).toEqual([]);
  });

  it('reads like text: every edge points right or down to a later stage, and every node has its own place and a name', () => {
    const byId = new Map(flow.nodes.map((node) => [node.id, node]));
    for (const edge of flow.edges) {
      const from = byId.get(edge.source.node)!.position;
      const to = byId.get(edge.target.node)!.position;
      // A stage (check → order → wait and deliver) is a band of rows; the next one starts below, at the left.
      expect(to.x > from.x || to.y > from.y, `${edge.id} ${edge.source.node} → ${edge.target.node}`).toBe(
        true,
      );
    }
    const places = new Set(flow.nodes.map((node) => `${node.position.x},${node.position.y}`));
    expect(places.size).toBe(flow.nodes.length);
    for (const node of flow.nodes) expect(node.name, node.id).toBeTruthy();
  });

  it('names credentials only by id', () => {
    expect(text).not.toMatch(/appSecret|app_secret/i);
    for (const node of flow.nodes) {
      for (const credentialId of Object.values(node.credentials ?? {}))
        expect(credentialId).toBe(SANDBOX_CREDENTIAL_ID);
    }
  });
});

describe.each(['order-card', 'top-up'] as const)('%s.json: the sample request', (id) => {
  const flow = readExampleFlow(id);
  const config = (nodeId: string) => flow.nodes.find((node) => node.id === nodeId)!.config;

  it('is a request the flow accepts, so an editor test run starts with a valid order', async () => {
    const trigger = config('shopCheckout');
    const example = trigger.exampleRequest as { body?: unknown };
    expect(example.body).toMatchObject({ product_id: expect.any(String) });
    const request = { query: {}, ...example, path: trigger.path };
    expect(await evaluateExpression(config('checkRequest').mapping as string, request)).toEqual({ ok: true });
    // Without a customer_order_no each test run orders under its own key instead of a taken number.
    expect(example.body).not.toHaveProperty('customer_order_no');
  });
});
