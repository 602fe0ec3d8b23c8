// Test-only helpers for integration tests that run JSON fixture flows through the real engine.
// Not exported from the package.
import { readFileSync } from 'node:fs';
import {
  createEngine,
  createMemoryStore,
  type Engine,
  type EngineOptions,
  type FlowDocument,
  type Json,
  type RunRecord,
  type RunStore,
} from '@junction/runtime';
import { createBuiltinRegistry } from '../../registry/create-builtin-registry.ts';
import { loopbackEgress } from '../../testing/loopback-egress.ts';

/** Reads a fixture flow next to the calling test (`new URL('./fixtures/x.json', import.meta.url)`). */
export function loadFlow(url: URL): FlowDocument {
  return JSON.parse(readFileSync(url, 'utf8')) as FlowDocument;
}

/** An engine over the built-in registry with a fast timer loop, already running its background loops. */
export function openEngine(
  store: RunStore = createMemoryStore(),
  options: Partial<EngineOptions> = {},
): Engine {
  const engine = createEngine({
    store,
    registry: createBuiltinRegistry({ egress: loopbackEgress }),
    timerPollMs: 10,
    ...options,
  });
  engine.startBackground();
  return engine;
}

/** Polls the store until the run has finished (waits and timers included). */
export async function finished(store: RunStore, runId: string, timeoutMs = 5000): Promise<RunRecord> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const run = await store.getRun(runId);
    if (run && ['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > giveUp) throw new Error(`run ${runId} is still ${run?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts a run and waits for its end. */
export async function runFlow(
  engine: Engine,
  store: RunStore,
  flow: FlowDocument,
  input: Json,
): Promise<RunRecord> {
  const handle = await engine.start(flow, { input });
  await handle.done;
  return finished(store, handle.id);
}

/** Journal entry types of one node, in order. */
export async function nodeSteps(store: RunStore, runId: string, nodeId: string): Promise<string[]> {
  const journal = await store.readJournal(runId);
  return journal.filter((entry) => entry.nodeId === nodeId).map((entry) => entry.type);
}
