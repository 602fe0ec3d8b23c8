// Child process of the step-barrier crash test. `start <db> <url> <runId>` runs
// trigger → lookup (a read, no side effects) → createOrder (a side effect) and SIGKILLs itself the
// moment lookup's completion is handed to the store, before any commit: lookup completed, nothing
// made it durable. `recover <db> <url>` continues the run and prints its status as one JSON line.
import { createEngine, createSqliteStore, defineNode, NodeRegistry, type RunStore } from '../../src/index.ts';
import { chainFlow } from './chain-flow.ts';

const [mode, dbPath, baseUrl, runId] = process.argv.slice(2);
if (!mode || !dbPath || !baseUrl) throw new Error('usage: barrier-child.ts start|recover <db> <url> [runId]');

async function post(path: string, ctx: { idempotencyKey: string; run: { id: string } }): Promise<never> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
    body: JSON.stringify({ runId: ctx.run.id }),
  });
  return (await response.json()) as never;
}

const base = { category: 'utility' as const, description: 'crash test node', config: {} };
const registry = new NodeRegistry().register(
  defineNode({
    ...base,
    type: 'barrier.trigger',
    version: 1,
    title: 'Trigger',
    trigger: true,
    sideEffects: false,
    inputs: [],
    outputs: ['out'],
    run: (ctx) => ({ out: ctx.input }),
  }),
  defineNode({
    ...base,
    type: 'barrier.read',
    version: 1,
    title: 'Read',
    sideEffects: () => false,
    inputs: ['in'],
    outputs: ['out'],
    run: async (ctx) => ({ out: await post('/read', ctx) }),
  }),
  defineNode({
    ...base,
    type: 'barrier.effect',
    version: 1,
    title: 'Effect',
    inputs: ['in'],
    outputs: ['out'],
    run: async (ctx) => ({ out: await post('/effect', ctx) }),
  }),
);

const flow = chainFlow('barrier-crash', [
  { id: 'start', type: 'barrier.trigger' },
  { id: 'lookup', type: 'barrier.read' },
  { id: 'createOrder', type: 'barrier.effect' },
]);

const sqlite = createSqliteStore({ path: dbPath });
let status: string | undefined;
if (mode === 'start' && runId) {
  const store: RunStore = Object.create(sqlite) as RunStore;
  store.appendJournal = (entries) => {
    const written = sqlite.appendJournal(entries);
    // Queued, not committed: the process dies before the batch transaction or any barrier runs.
    if (entries.some((entry) => entry.type === 'node.completed' && entry.nodeId === 'lookup')) {
      process.kill(process.pid, 'SIGKILL');
    }
    return written;
  };
  const engine = createEngine({ store, registry, owner: 'first', leaseMs: 60_000 });
  const handle = await engine.start(flow, { runId, input: { runId } });
  status = (await handle.done).status;
} else {
  const engine = createEngine({ store: sqlite, registry, owner: 'second', leaseMs: 60_000 });
  await engine.recover({ force: true });
  for (;;) {
    const [run] = await sqlite.listRuns({ flowId: 'barrier-crash' });
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) {
      status = run.status;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await engine.stop();
}
await sqlite.close();
process.stdout.write(JSON.stringify({ status }) + '\n');
