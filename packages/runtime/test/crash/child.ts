// Child process of the crash test: runs flows against a SQLite file and the parent's side-effect
// server. `start <db> <url> <runId...>` starts runs; `recover <db> <url>` continues every unfinished
// run. Either way it prints the final statuses as one JSON line and exits once all runs have finished.
import { createEngine, createSqliteStore, defineNode, NodeRegistry } from '../../src/index.ts';
import { chainFlow } from './chain-flow.ts';

const [mode, dbPath, baseUrl, ...runIds] = process.argv.slice(2);
if (!mode || !dbPath || !baseUrl) throw new Error('usage: child.ts start|recover <db> <url> [runIds…]');

const registry = new NodeRegistry().register(
  defineNode({
    type: 'crash.trigger',
    version: 1,
    title: 'Trigger',
    category: 'trigger',
    description: 'start',
    trigger: true,
    inputs: [],
    outputs: ['out'],
    config: {},
    run: (ctx) => ({ out: ctx.input }),
  }),
  defineNode({
    type: 'crash.call',
    version: 1,
    title: 'Call',
    category: 'integration',
    description: 'POSTs to the side-effect server with the idempotency key',
    inputs: ['in'],
    outputs: ['out'],
    config: {},
    run: async (ctx) => {
      const response = await fetch(baseUrl + String(ctx.config.path), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
        body: JSON.stringify({ runId: ctx.run.id, nodeId: ctx.node.id }),
        signal: ctx.signal,
      });
      return { out: (await response.json()) as never };
    },
  }),
);

/** trigger → prepare (mark) → createOrder (the side effect) → deliver (mark). */
const flow = chainFlow('crash-flow', [
  { id: 'start', type: 'crash.trigger' },
  { id: 'prepare', type: 'crash.call', config: { path: '/mark?stage=prepare' } },
  { id: 'createOrder', type: 'crash.call', config: { path: '/effect' } },
  { id: 'deliver', type: 'crash.call', config: { path: '/mark?stage=deliver' } },
]);

const store = createSqliteStore({ path: dbPath });
const engine = createEngine({ store, registry, owner: 'crash-child', leaseMs: 60_000 });

let ids = runIds;
if (mode === 'start') {
  await Promise.all(runIds.map((runId) => engine.start(flow, { runId, input: { runId } })));
} else {
  await engine.recover({ force: true });
  ids = (await store.listRuns({ flowId: 'crash-flow' })).map((run) => run.id);
}
const statuses: Record<string, string> = {};
for (const id of ids) {
  for (;;) {
    const run = await store.getRun(id);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) {
      statuses[id] = run.status;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
await engine.stop();
await store.close();
process.stdout.write(JSON.stringify(statuses) + '\n');
