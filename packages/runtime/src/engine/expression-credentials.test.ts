import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../flow/json.ts';
import type { ResolvedCredential } from '../node/node-context.ts';
import { defineNode } from '../node/node-type.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createEngine } from './create-engine.ts';
import { fixture, testRegistry } from './engine-test-kit.ts';
import type { EngineEvent } from './engine-types.ts';

/**
 * Expressions cannot read secrets, not even in a node that has credentials. `credentials.json`:
 * `leaky` (credential `api`) carelessly puts its token in its output; `inspect` (credential `api` too)
 * has a config full of expressions reaching for credentials by every likely name, through `$`,
 * `$nodes`, `$trigger`, `$vars` and `$run`. `inspect` records its resolved config before the engine
 * masks anything, so what it saw is exactly what the expressions produced.
 */
const TOKEN = 'tok_live_8d1f0c2a9b7e';
const credential: ResolvedCredential = {
  id: 'api',
  kind: 'bearer',
  data: { token: TOKEN },
  allowedHosts: [],
};

/** What `test.evaluate` got from `ctx.evaluate('$credentials')` before it tried to bind them. */
const evaluated: Json[] = [];

function setup() {
  const seen: { config: JsonObject; credentials: string[] }[] = [];
  const base = { category: 'integration' as const, description: 'test node', config: {}, outputs: ['out'] };
  const registry = testRegistry().register(
    defineNode({
      ...base,
      type: 'test.leak',
      version: 1,
      title: 'Leak',
      inputs: ['in'],
      credentials: { auth: { kinds: ['bearer'] } },
      run: (ctx) => ({ out: { token: ctx.credentials.auth!.data.token as Json } }),
    }),
    defineNode({
      ...base,
      type: 'test.inspect',
      version: 1,
      title: 'Inspect',
      inputs: ['in'],
      credentials: { auth: { kinds: ['bearer'] } },
      run: (ctx) => {
        seen.push({ config: structuredClone(ctx.config), credentials: Object.keys(ctx.credentials) });
        return { out: ctx.config };
      },
    }),
    defineNode({
      ...base,
      type: 'test.evaluate',
      version: 1,
      title: 'Evaluate',
      inputs: ['in'],
      credentials: { auth: { kinds: ['bearer'] } },
      run: async (ctx) => {
        evaluated.push(await ctx.evaluate('$credentials'));
        const credentials = ctx.credentials as unknown as Record<string, Json>;
        return { out: await ctx.evaluate('$credentials.auth.data.token', null, { credentials }) };
      },
    }),
  );
  const store = createMemoryStore();
  const engine = createEngine({ store, registry, credentials: { resolve: async () => credential } });
  const events: EngineEvent[] = [];
  engine.on((event) => events.push(event));
  return { seen, store, engine, events };
}

describe('expressions in a node with credentials', () => {
  it('resolve credential names to null and never to a credential value', async () => {
    const { seen, engine } = setup();
    const result = await (await engine.start(fixture('credentials'), { input: { order: 1 } })).done;
    expect(result.status).toBe('succeeded');
    expect(seen).toHaveLength(1);
    const { config, credentials } = seen[0]!;
    // The node itself did get its credential: only the expressions are kept away from it.
    expect(credentials).toEqual(['auth']);
    for (const name of [
      'credentials',
      'slotToken',
      'secrets',
      'auth',
      'apiKey',
      'token',
      'ctx',
      'inputCredentials',
    ])
      expect(config[name], name).toBeNull();
    // The upstream node's careless output was masked before `$nodes` could hand it on.
    expect(config.leaked).toBe('[redacted]');
    expect(config.leakedText).toBe('{"out":{"token":"[redacted]"}}');
    expect(config.everything).toEqual([
      { token: '[redacted]' },
      { start: { out: { order: 1 } }, leaky: { out: { token: '[redacted]' } } },
      { order: 1 },
      { region: 'eu' },
      expect.objectContaining({ flowId: 'credentials' }),
    ]);
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
  });

  it('lets no credential value reach the journal, the events or the run output', async () => {
    const { store, engine, events } = setup();
    const handle = await engine.start(fixture('credentials'), { input: { order: 1 } });
    const result = await handle.done;
    const everything = JSON.stringify({
      result,
      events,
      journal: await store.readJournal(handle.id),
      run: await store.getRun(handle.id),
    });
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(TOKEN);
  });

  it('refuses a node handing its credentials to ctx.evaluate (JX_EXPRESSION_BINDING); unbound they are null', async () => {
    const { engine, store } = setup();
    const flow = fixture('credentials');
    flow.nodes[2] = { ...flow.nodes[2]!, type: 'test.evaluate', config: {} };
    const handle = await engine.start(flow, { input: {} });
    const result = await handle.done;
    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'JX_EXPRESSION_BINDING', details: { binding: 'credentials' } },
    });
    expect(evaluated).toEqual([null]);
    expect(JSON.stringify({ result, journal: await store.readJournal(handle.id) })).not.toContain(TOKEN);
  });
});
