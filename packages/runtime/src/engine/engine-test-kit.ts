// Test-only helpers for the engine tests: small node types registered with `defineNode`, fixture
// loading and store factories. Not exported from the package.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JunctionError } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import type { NodeOutputs, NodeResult } from '../node/node-result.ts';
import { defineNode } from '../node/node-type.ts';
import { NodeRegistry } from '../node/registry.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { createPostgresStore } from '../store/postgres/postgres-store.ts';
import type { RunStore } from '../store/run-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';

/** Observations shared by the test node types. */
export interface Probe {
  attempts: Map<string, number>;
  keys: string[];
  running: number;
  maxRunning: number;
  order: string[];
  /** Per node id: the reason `ctx.signal` was aborted with, seen by the node's own listener. */
  aborts: Map<string, unknown>;
}

export function createProbe(): Probe {
  return { attempts: new Map(), keys: [], running: 0, maxRunning: 0, order: [], aborts: new Map() };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** A registry of small node types whose behaviour is driven by config. */
export function testRegistry(probe: Probe = createProbe()): NodeRegistry {
  const base = { category: 'utility' as const, description: 'test node', config: {} };
  return new NodeRegistry().register(
    defineNode({
      ...base,
      type: 'test.trigger',
      version: 1,
      title: 'Trigger',
      trigger: true,
      inputs: [],
      outputs: ['out'],
      run: (ctx) => ({ out: ctx.input }),
    }),
    defineNode({
      ...base,
      type: 'test.map',
      version: 1,
      title: 'Map',
      inputs: ['in'],
      outputs: ['out'],
      run: (ctx) => {
        probe.order.push(ctx.node.id);
        return { out: 'value' in ctx.config ? (ctx.config.value as Json) : ctx.input };
      },
    }),
    defineNode({
      ...base,
      type: 'test.if',
      version: 1,
      title: 'If',
      inputs: ['in'],
      outputs: ['true', 'false'],
      run: (ctx): NodeOutputs => (ctx.config.condition ? { true: ctx.input } : { false: ctx.input }),
    }),
    defineNode({
      ...base,
      type: 'test.merge',
      version: 1,
      title: 'Merge',
      inputs: ['a', 'b', 'c'],
      outputs: ['out'],
      run: (ctx) => ({ out: ctx.inputs }),
    }),
    defineNode({
      ...base,
      type: 'test.race',
      version: 1,
      title: 'Race',
      inputs: ['a', 'b', 'c'],
      outputs: ['out'],
      readiness: 'any',
      run: (ctx) => {
        probe.order.push(ctx.node.id);
        return { out: ctx.inputs };
      },
    }),
    defineNode({
      ...base,
      type: 'test.flaky',
      version: 1,
      title: 'Flaky',
      inputs: ['in'],
      outputs: ['out', 'error'],
      run: (ctx) => {
        probe.attempts.set(ctx.node.id, ctx.attempt);
        probe.keys.push(ctx.idempotencyKey);
        if (ctx.attempt <= Number(ctx.config.failTimes ?? 0)) {
          throw new JunctionError(
            String(ctx.config.code ?? 'JX_TEST_FLAKY'),
            `attempt ${ctx.attempt} failed`,
            {
              attempt: ctx.attempt,
            },
          );
        }
        return { out: { attempt: ctx.attempt } };
      },
    }),
    defineNode({
      ...base,
      type: 'test.remember',
      version: 1,
      title: 'Remember',
      inputs: ['in'],
      outputs: ['out'],
      run: async (ctx) => {
        const before = await ctx.kv.get('seen');
        await ctx.kv.set('seen', ctx.input);
        return { out: { before: before ?? null, now: ctx.input } };
      },
    }),
    defineNode({
      ...base,
      type: 'test.slow',
      version: 1,
      title: 'Slow',
      inputs: ['in'],
      outputs: ['out'],
      run: async (ctx) => {
        probe.running++;
        probe.maxRunning = Math.max(probe.maxRunning, probe.running);
        ctx.signal.addEventListener('abort', () => probe.aborts.set(ctx.node.id, ctx.signal.reason), {
          once: true,
        });
        try {
          if (ctx.config.ignoreSignal)
            await new Promise((resolve) => setTimeout(resolve, Number(ctx.config.ms)));
          else await sleep(Number(ctx.config.ms ?? 10), ctx.signal);
        } finally {
          probe.running--;
        }
        return { out: ctx.node.id };
      },
    }),
    defineNode({
      ...base,
      type: 'test.big',
      version: 1,
      title: 'Big',
      inputs: ['in'],
      outputs: ['out'],
      run: (ctx) => ({ out: 'x'.repeat(Number(ctx.config.bytes)) }),
    }),
    defineNode({
      ...base,
      type: 'test.await',
      version: 1,
      title: 'Await callback',
      category: 'callback',
      // `until`: the wait's condition over callbacks, evaluated by the engine (`accept`).
      rawConfigKeys: ['until'],
      inputs: ['in'],
      outputs: ['callback', 'timeout'],
      run: (ctx): NodeResult => {
        if (ctx.resumed?.reason === 'callback')
          return { callback: { payload: ctx.resumed.payload, state: ctx.state ?? null } };
        // config.deadlines > 1: waits again after each deadline but the last (one node, re-armed).
        const round = Number((ctx.state as { round?: number } | undefined)?.round ?? 1);
        const deadlines = Number(ctx.config.deadlines ?? 1);
        if (ctx.resumed?.reason === 'timeout' && round >= deadlines)
          return { timeout: { key: ctx.resumed.key, ...(deadlines > 1 ? { rounds: round } : {}) } };
        const again = ctx.resumed?.reason === 'timeout';
        return ctx.wait({
          channel: String(ctx.config.channel),
          key: String(ctx.config.key),
          ...(ctx.config.timeoutMs == null ? {} : { timeoutMs: Number(ctx.config.timeoutMs) }),
          ...(typeof ctx.config.until === 'string' ? { accept: ctx.config.until } : {}),
          state: again ? { remembered: ctx.input, round: round + 1 } : { remembered: ctx.input },
        });
      },
    }),
    defineNode({
      ...base,
      type: 'test.sleep',
      version: 1,
      title: 'Sleep',
      inputs: ['in'],
      outputs: ['out'],
      run: (ctx) => {
        // config.times > 1: the same node sleeps again after each timer but the last.
        const times = Number(ctx.config.times ?? 1);
        const round = Number((ctx.state as { round?: number } | undefined)?.round ?? 1);
        if (ctx.resumed?.reason === 'timer' && round >= times) return { out: ctx.state ?? null };
        const ms = Number(ctx.config.ms);
        const next = ctx.resumed?.reason === 'timer' ? round + 1 : 1;
        return ctx.sleep(ctx.now() + ms, times > 1 ? { slept: ms, round: next } : { slept: ms });
      },
    }),
    defineNode({
      ...base,
      type: 'test.subflow',
      version: 1,
      title: 'Sub-flow',
      inputs: ['in'],
      outputs: ['out'],
      rawConfigKeys: ['document'],
      run: async (ctx) => {
        const result = await ctx.subflow(
          { document: ctx.config.document as unknown as FlowDocument },
          ctx.input,
          {
            key: String(ctx.config.key ?? 'one'),
          },
        );
        return { out: { status: result.status, output: result.output, runId: result.runId } };
      },
    }),
  );
}

/** Loads `test/fixtures/engine/<name>.json`. A fresh object each call, so tests may edit it. */
export function fixture(name: string): FlowDocument {
  const path = join(import.meta.dirname, '../../test/fixtures/engine', name + '.json');
  return JSON.parse(readFileSync(path, 'utf8')) as FlowDocument;
}

/** A fresh SQLite file in a temp directory. */
export function tempSqlitePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'junction-engine-')), 'runs.db');
}

/** Both store kinds, for tests that must hold on each. */
export const storeKinds: { name: string; create: (path?: string) => RunStore }[] = [
  { name: 'memory', create: () => createMemoryStore() },
  { name: 'sqlite', create: (path) => createSqliteStore({ path: path ?? tempSqlitePath() }) },
];

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A store several engines ("processes") share, each with its own connection (memory: one object). */
export interface SharedStore {
  connect(): RunStore;
  close(): Promise<void>;
}

/**
 * Every store kind as a shared store: memory, one SQLite file, one PostgreSQL schema named
 * `<schemaPrefix>_<random>` (dropped on close).
 */
export function sharedStoreKinds(schemaPrefix: string): { name: string; open: () => SharedStore }[] {
  const connecting = (connect: () => RunStore, before?: (first: RunStore) => Promise<void>) => () => {
    const opened: RunStore[] = [];
    return {
      connect: () => {
        const store = connect();
        opened.push(store);
        return store;
      },
      close: async () => {
        if (opened[0]) await before?.(opened[0]);
        for (const store of opened) await store.close();
      },
    };
  };
  return [
    {
      name: 'memory',
      open: () => {
        const store = createMemoryStore();
        return { connect: () => store, close: () => store.close() };
      },
    },
    {
      name: 'sqlite',
      open: () => {
        const path = tempSqlitePath();
        return connecting(() => createSqliteStore({ path }))();
      },
    },
    {
      name: 'postgres',
      open: () => {
        const schema = `${schemaPrefix}_${randomBytes(4).toString('hex')}`;
        return connecting(
          () => createPostgresStore({ connectionString: PG_URL, schema, maxConnections: 4 }),
          async (first) => {
            await (first as ReturnType<typeof createPostgresStore>).pool.query(
              `DROP SCHEMA IF EXISTS ${schema} CASCADE`,
            );
          },
        )();
      },
    },
  ];
}
