// Child process of the callback crash test. `wait <db>` starts a run that suspends on a callback,
// then delivers that callback and SIGKILLs itself the moment the store says `matched`, before the
// engine can journal `node.resumed`. `recover <db>` recovers and prints the run as one JSON line.
import {
  createEngine,
  createSqliteStore,
  defineNode,
  NodeRegistry,
  type NodeResult,
  type RunStore,
} from '../../src/index.ts';
import { chainFlow } from './chain-flow.ts';

const [mode, dbPath] = process.argv.slice(2);
if (!mode || !dbPath) throw new Error('usage: callback-child.ts wait|recover <db>');

const base = { category: 'utility' as const, description: 'crash test node', config: {} };
const registry = new NodeRegistry().register(
  defineNode({
    ...base,
    type: 'cb.trigger',
    version: 1,
    title: 'Trigger',
    trigger: true,
    inputs: [],
    outputs: ['out'],
    run: (ctx) => ({ out: ctx.input }),
  }),
  defineNode({
    ...base,
    type: 'cb.await',
    version: 1,
    title: 'Await',
    inputs: ['in'],
    outputs: ['callback'],
    run: (ctx): NodeResult =>
      ctx.resumed?.reason === 'callback'
        ? { callback: ctx.resumed.payload }
        : ctx.wait({ channel: 'orders', key: 'order-1' }),
  }),
  defineNode({
    ...base,
    type: 'cb.deliver',
    version: 1,
    title: 'Deliver',
    inputs: ['in'],
    outputs: ['out'],
    run: (ctx) => ({ out: { delivered: ctx.input } }),
  }),
);

const flow = chainFlow('callback-crash', [
  { id: 'start', type: 'cb.trigger' },
  { id: 'await', type: 'cb.await', out: 'callback' },
  { id: 'deliver', type: 'cb.deliver' },
]);

const sqlite = createSqliteStore({ path: dbPath });

if (mode === 'wait') {
  // The test hook: the store's answer arrives, and the process dies before the engine sees it.
  const store: RunStore = Object.create(sqlite) as RunStore;
  store.deliver = async (...args) => {
    const outcome = await sqlite.deliver(...args);
    if (outcome.outcome === 'matched') process.kill(process.pid, 'SIGKILL');
    return outcome;
  };
  const engine = createEngine({ store, registry, owner: 'first', leaseMs: 60_000 });
  const handle = await engine.start(flow, { runId: 'cb-1', input: { order: 1 } });
  if ((await handle.done).status !== 'waiting') throw new Error('the run did not suspend');
  await engine.resume('orders', 'order-1', { paid: 42 });
  throw new Error('still alive after the callback matched');
}

const engine = createEngine({ store: sqlite, registry, owner: 'second', leaseMs: 60_000 });
await engine.recover({ force: true });
const giveUpAt = Date.now() + 5_000;
let run = await sqlite.getRun('cb-1');
while (run && !['succeeded', 'failed', 'cancelled'].includes(run.status) && Date.now() < giveUpAt) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  run = await sqlite.getRun('cb-1');
}
await engine.stop();
await sqlite.close();
process.stdout.write(`${JSON.stringify({ status: run?.status, output: run?.output ?? null })}\n`);
