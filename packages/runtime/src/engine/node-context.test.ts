import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow/flow-types.ts';
import { defineNode } from '../node/node-type.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, testRegistry } from './engine-test-kit.ts';
import type { EngineEvent } from './engine-types.ts';

const SECRET = 'top-secret-app-secret';

/** A node that exercises the context: credentials, kv, log, respond, evaluate, raw config keys. */
const contextNode = defineNode({
  type: 'test.context',
  version: 1,
  title: 'Context',
  category: 'utility',
  description: 'uses every context service',
  inputs: ['in'],
  outputs: ['out'],
  config: {},
  credentials: { auth: { kinds: ['signature'] } },
  rawConfigKeys: ['perItem'],
  run: async (ctx) => {
    const secret = ctx.credentials.auth?.data.appSecret;
    ctx.log.info('signing request', { length: String(secret).length });
    await ctx.kv.set('counter', (((await ctx.kv.get('counter')) as number | undefined) ?? 0) + 1);
    const token = await ctx.kv.takeToken('bucket', { capacity: 1, refillPerSecond: 0.001 });
    ctx.respond({ status: 202, body: { accepted: true } });
    const evaluated = await ctx.evaluate(String(ctx.config.perItem), { price: 3 }, { qty: 2 });
    return {
      out: {
        resolved: ctx.config.resolved ?? null,
        raw: ctx.config.perItem ?? null,
        evaluated,
        counter: (await ctx.kv.get('counter')) ?? null,
        tokenAllowed: token.allowed,
        signed: typeof secret === 'string',
      },
    };
  },
});

function contextFlow(): FlowDocument {
  const flow = fixture('chain');
  flow.nodes = flow.nodes.slice(0, 2);
  flow.edges = flow.edges.slice(0, 1);
  flow.nodes[1] = {
    ...flow.nodes[1]!,
    type: 'test.context',
    config: { resolved: '=$.id & "-" & $vars.region', perItem: '=price * $qty' },
    credentials: { auth: 'cred-1' },
  };
  flow.settings = { variables: { region: 'eu' } };
  return flow;
}

describe('node context through the engine', () => {
  it('resolves config except raw keys, credentials by slot, kv, respond, log — and keeps secrets out', async () => {
    const store = createMemoryStore();
    const lines: string[] = [];
    const engine = createEngine({
      store,
      registry: testRegistry().register(contextNode),
      credentials: {
        resolve: async (id) =>
          id === 'cred-1'
            ? { id, kind: 'signature', data: { appKey: 'k', appSecret: SECRET }, allowedHosts: [] }
            : undefined,
      },
      logger: (line) => lines.push(line.message),
    });
    const events: EngineEvent[] = [];
    engine.on((event) => events.push(event));
    const first = await engine.start(contextFlow(), { input: { id: 'a1' } });
    expect(await first.done).toMatchObject({
      status: 'succeeded',
      output: {
        resolved: 'a1-eu',
        raw: '=price * $qty',
        evaluated: 6,
        counter: 1,
        tokenAllowed: true,
        signed: true,
      },
    });
    const second = await engine.start(contextFlow(), { input: { id: 'a2' } });
    expect(await second.done).toMatchObject({ output: { counter: 2, tokenAllowed: false } });
    expect(events.find((event) => event.type === 'run.response')).toMatchObject({
      runId: first.id,
      response: { status: 202, body: { accepted: true } },
    });
    expect(lines).toContain('signing request');
    const journal = await store.readJournal(first.id);
    const completed = journal.find((entry) => entry.type === 'node.completed' && entry.nodeId === 'n0');
    expect(completed?.data).toEqual({
      logs: [{ level: 'info', message: 'signing request', fields: { length: 21 } }],
    });
    expect(JSON.stringify(journal)).not.toContain(SECRET);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it('fails with JX_CREDENTIAL_NOT_FOUND, naming the slot but no secret, when a credential is missing', async () => {
    const engine = createEngine({
      store: createMemoryStore(),
      registry: testRegistry().register(contextNode),
      credentials: { resolve: async () => undefined },
    });
    const handle = await engine.start(contextFlow(), { input: { id: 'x' } });
    expect(await handle.done).toMatchObject({
      status: 'failed',
      error: {
        code: 'JX_CREDENTIAL_NOT_FOUND',
        details: { nodeId: 'n0', slot: 'auth', credentialId: 'cred-1' },
      },
    });
  });

  it('runs a sub-flow resolved by a FlowResolver and cancels it with its parent', async () => {
    const store = createMemoryStore();
    const child = fixture('timeout');
    delete child.nodes[1]!.timeoutMs;
    child.nodes[1]!.config = { ms: 5000 };
    const registry = testRegistry().register(
      defineNode({
        type: 'test.call',
        version: 1,
        title: 'Call',
        category: 'control',
        description: 'calls a stored flow',
        inputs: ['in'],
        outputs: ['out'],
        config: {},
        run: async (ctx) => ({
          out: (await ctx.subflow({ flowId: 'slow-child' }, ctx.input, { key: 'only' })).status,
        }),
      }),
    );
    const engine = createEngine({
      store,
      registry,
      flows: {
        resolve: async (flowId) => (flowId === 'slow-child' ? { document: child, version: 3 } : undefined),
      },
    });
    const parent = fixture('chain');
    parent.nodes[1] = { ...parent.nodes[1]!, type: 'test.call', config: {} };
    const handle = await engine.start(parent, { runId: 'parent', input: 'go' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const childRun = await store.getRun('parent/n0/only');
    expect(childRun).toMatchObject({ status: 'running', parentRunId: 'parent', flowVersion: 3 });
    await engine.cancel('parent');
    expect((await handle.done).status).toBe('cancelled');
    for (let i = 0; i < 100 && (await store.getRun('parent/n0/only'))?.status !== 'cancelled'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await store.getRun('parent/n0/only'))?.status).toBe('cancelled');
  });
});
