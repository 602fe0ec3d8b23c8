import { createMemoryStore, type Engine, validateFlow } from '@junction/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../registry/create-builtin-registry.ts';
import { loadFlow, openEngine, runFlow } from '../support/engine-harness.ts';

const flow = loadFlow(new URL('./fixtures/supplier-code.json', import.meta.url));

describe('flow.fail with a computed code and message', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.stop();
  });

  it('is a valid flow although the code is an expression', () => {
    expect(validateFlow(flow, createBuiltinRegistry())).toEqual([]);
  });

  it("maps the supplier's result code to the shop's error code and message", async () => {
    const store = createMemoryStore();
    engine = openEngine(store);
    const run = await runFlow(engine, store, flow, { supplierCode: '1002', supplierMessage: 'sold out' });
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'JX_USER_OUT_OF_STOCK',
      message: 'The supplier refused the order (1002): sold out',
      details: { userCode: 'OUT_OF_STOCK', nodeId: 'failMapped' },
    });
  });

  it('fails coded, naming the node, when the computed code is not an error code', async () => {
    const store = createMemoryStore();
    engine = openEngine(store);
    // 9999 is not in the mapping: $lookup gives nothing, which is no code.
    const run = await runFlow(engine, store, flow, { supplierCode: '9999', supplierMessage: 'odd' });
    expect(run.error).toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'code', nodeId: 'failMapped' },
    });
    expect(run.error?.message).toContain('node failMapped');
  });

  it('fails coded when the computed code breaks the pattern', async () => {
    const store = createMemoryStore();
    engine = openEngine(store);
    const bad = structuredClone(flow);
    bad.nodes[1]!.config.code = "='supplier ' & supplierCode";
    const run = await runFlow(engine, store, bad, { supplierCode: '1002', supplierMessage: 'x' });
    expect(run.error).toMatchObject({
      code: 'JX_CONFIG_INVALID',
      details: { field: 'code', nodeId: 'failMapped' },
    });
    expect(run.error?.message).toContain('"supplier 1002"');
  });
});
