// Child process of the timer crash test. `sleep <db> <runId:ms>…` starts runs whose `nap` node sleeps
// durably for ms, prints `waiting` once every run is suspended and then idles until it is killed (no
// timer loop runs here, so no timer can fire in this process). `fire <db> <runId:ms>…` does the same,
// then runs the timer loop and SIGKILLs itself the moment the store has claimed a due timer, before
// any handler sees it. `wake <db>` recovers, runs the timer loop, and prints each run's status and
// output as one JSON line once all have finished.
import {
  createEngine,
  createSqliteStore,
  defineNode,
  NodeRegistry,
  type NodeResult,
  type RunStore,
} from '../../src/index.ts';
import { chainFlow } from './chain-flow.ts';

const [mode, dbPath, ...specs] = process.argv.slice(2);
if (!mode || !dbPath) throw new Error('usage: timer-child.ts sleep|fire|wake <db> [runId:ms…]');

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

const flow = chainFlow('timer-crash', [
  { id: 'start', type: 'timer.trigger' },
  { id: 'nap', type: 'timer.sleep' },
  { id: 'after', type: 'timer.after' },
]);

const sqlite = createSqliteStore({ path: dbPath });
// The sleeping process is killed moments after its runs suspended, which may come before the store
// committed their lease releases (a suspending run does not await that write). The test hook makes
// that the certain case: the releases never reach the store, so every run's lease row stays behind.
const store: RunStore = Object.create(sqlite) as RunStore;
if (mode === 'sleep') store.releaseLease = () => Promise.resolve();
// The other hook: the timer's claim is committed (hidden for the default 30 s), and the process dies
// while firing it, before the node resumed or the timer was deleted.
if (mode === 'fire') {
  store.claimDueTimers = async (...args) => {
    const claimed = await sqlite.claimDueTimers(...args);
    if (claimed.length > 0) process.kill(process.pid, 'SIGKILL');
    return claimed;
  };
}
// Every process keeps the default lease (30 s): the waking one must not wait for a dead one's lease
// or timer claim.
const engine = createEngine({ store, registry, owner: mode, timerPollMs: 50 });

if (mode === 'sleep' || mode === 'fire') {
  const handles = await Promise.all(
    specs.map((spec) => {
      const [runId, ms] = spec.split(':');
      return engine.start(flow, { runId: runId!, input: { ms: Number(ms) } });
    }),
  );
  const results = await Promise.all(handles.map((handle) => handle.done));
  if (results.some((result) => result.status !== 'waiting')) throw new Error('a run did not suspend');
  process.stdout.write('waiting\n');
  if (mode === 'fire') engine.startBackground(); // the hook kills the process at the first claim
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
  process.stdout.write(`${JSON.stringify(report)}\n`);
  // A run still waiting for a lease would hold stop() for the rest of it: report and leave.
  if (Object.values(report).some((entry) => (entry as { status?: string }).status !== 'succeeded')) {
    process.exit(1);
  }
  await engine.stop();
  await store.close();
}
