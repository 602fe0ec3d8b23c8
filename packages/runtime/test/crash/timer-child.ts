// Child process of the timer crash test. `sleep <db> <runId:ms>…` starts runs whose `nap` node sleeps
// durably for ms, prints `waiting` once every run is suspended and then idles until it is killed (no
// timer loop runs here, so no timer can fire in this process). `wake <db>` recovers, runs the timer
// loop, and prints each run's status and output as one JSON line once all have finished.
import {
  createEngine,
  createSqliteStore,
  defineNode,
  type FlowDocument,
  NodeRegistry,
  type NodeResult,
} from '../../src/index.ts';

const [mode, dbPath, ...specs] = process.argv.slice(2);
if (!mode || !dbPath) throw new Error('usage: timer-child.ts sleep|wake <db> [runId:ms…]');

const base = { category: 'utility' as const, description: 'crash test node', config: {} };
const registry = new NodeRegistry().register(
  defineNode({
    ...base,
    type: 'timer.trigger',
    version: 1,
    title: 'Trigger',
    trigger: true,
    inputs: [],
    outputs: ['out'],
    run: (ctx) => ({ out: ctx.input }),
  }),
  defineNode({
    ...base,
    type: 'timer.sleep',
    version: 1,
    title: 'Sleep',
    inputs: ['in'],
    outputs: ['out'],
    // Like flow.delay: sleeps until a moment, then passes on when it was due and when it fired.
    run: (ctx): NodeResult => {
      if (ctx.resumed?.reason === 'timer') return { out: { ...(ctx.state as object), firedAt: ctx.now() } };
      const until = ctx.now() + Number((ctx.input as { ms: number }).ms);
      return ctx.sleep(until, { until });
    },
  }),
  defineNode({
    ...base,
    type: 'timer.after',
    version: 1,
    title: 'After',
    inputs: ['in'],
    outputs: ['out'],
    run: (ctx) => ({ out: { after: ctx.input } }),
  }),
);

const node = (id: string, type: string) => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config: {},
});
const flow: FlowDocument = {
  schemaVersion: 1,
  id: 'timer-crash',
  name: 'timer crash',
  nodes: [node('start', 'timer.trigger'), node('nap', 'timer.sleep'), node('after', 'timer.after')],
  edges: [
    { id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'nap', port: 'in' } },
    { id: 'e2', source: { node: 'nap', port: 'out' }, target: { node: 'after', port: 'in' } },
  ],
};

const store = createSqliteStore({ path: dbPath });
// The sleeping process is killed moments after its runs suspended, possibly before the store
// committed their lease releases: a dead process's lease must expire before another takes the run,
// so it gets a short one. The waking process waits up to its own leaseMs for such a lease.
const leaseMs = mode === 'sleep' ? 1_000 : 60_000;
const engine = createEngine({ store, registry, owner: mode, leaseMs, timerPollMs: 50 });

if (mode === 'sleep') {
  const handles = await Promise.all(
    specs.map((spec) => {
      const [runId, ms] = spec.split(':');
      return engine.start(flow, { runId: runId!, input: { ms: Number(ms) } });
    }),
  );
  const results = await Promise.all(handles.map((handle) => handle.done));
  if (results.some((result) => result.status !== 'waiting')) throw new Error('a run did not suspend');
  process.stdout.write('waiting\n');
  setInterval(() => undefined, 60_000); // idles until SIGKILL
} else {
  await engine.recover({ force: true });
  engine.startBackground();
  const giveUpAt = Date.now() + 10_000;
  const runs = await store.listRuns({ flowId: 'timer-crash' });
  const report: Record<string, unknown> = {};
  for (const { id } of runs) {
    let run = await store.getRun(id);
    while (run && !['succeeded', 'failed', 'cancelled'].includes(run.status) && Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      run = await store.getRun(id);
    }
    report[id] = { status: run?.status, output: run?.output ?? null };
  }
  await engine.stop();
  await store.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
