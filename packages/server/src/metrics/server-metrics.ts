import type { EngineEvent, RunStore } from '@junction/runtime';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SqlDatabase } from '../db/sql-database.ts';
import { PersistentCounters } from './persistent-counters.ts';
import { Reservoir } from './reservoir.ts';

interface RunMeta {
  flowId: string;
  version: string;
  test: boolean;
}

/** Node latency reservoirs by flow, version and node. */
export interface NodeSample {
  flowId: string;
  version: string;
  nodeId: string;
  nodeType: string;
  reservoir: Reservoir;
}

/**
 * Metrics from engine events. Counters (runs, node calls and errors, callbacks) are persisted so a
 * restart does not zero them; latency is a Prometheus histogram plus a bounded in-memory reservoir
 * per node for the dashboard's percentiles (those start empty after a restart). Test runs are not counted.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly counters: PersistentCounters;
  readonly samples = new Map<string, NodeSample>();
  readonly #runs = new Map<string, RunMeta>();
  readonly #store: () => RunStore | undefined;
  readonly #latency: Histogram<string>;
  readonly #timer: NodeJS.Timeout;

  constructor(db: SqlDatabase, store: () => RunStore | undefined) {
    this.counters = new PersistentCounters(db);
    this.#store = store;
    const fromCounters = (name: string, metric: string, help: string, labelNames: string[]) => {
      const counters = this.counters;
      new Counter({
        name: metric,
        help,
        labelNames,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const { labels, value } of counters.entries(name)) this.inc(labels, value);
        },
      });
    };
    fromCounters(
      'runs',
      'junction_runs_total',
      'Finished runs by flow, version and final status (succeeded, failed, cancelled).',
      ['flow', 'version', 'status'],
    );
    fromCounters('node_calls', 'junction_node_calls_total', 'Node executions.', [
      'flow',
      'version',
      'node',
      'type',
    ]);
    fromCounters('node_errors', 'junction_node_errors_total', 'Failed node attempts.', [
      'flow',
      'version',
      'node',
      'type',
    ]);
    fromCounters('callbacks', 'junction_callbacks_total', 'Callbacks by channel and outcome.', [
      'channel',
      'outcome',
    ]);
    this.#latency = new Histogram({
      name: 'junction_node_duration_seconds',
      help: 'Node execution time.',
      labelNames: ['flow', 'version', 'node', 'type'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    new Gauge({
      name: 'junction_waiting_runs',
      help: 'Runs suspended on a callback or timer.',
      registers: [this.registry],
      async collect() {
        const counts = await store()?.countRuns({ status: 'waiting' });
        this.set(counts?.waiting ?? 0);
      },
    });
    this.#timer = setInterval(() => void this.counters.flush().catch(() => {}), 1000);
    this.#timer.unref();
  }

  /** Counts one callback. */
  callback(channel: string, outcome: string): void {
    this.counters.inc('callbacks', { channel, outcome });
  }

  /** Feeds one engine event. */
  observe(event: EngineEvent): void {
    switch (event.type) {
      case 'run.started':
        this.#remember(event.run);
        return;
      case 'run.completed':
      case 'run.failed':
      case 'run.cancelled':
      case 'run.waiting': {
        const meta = this.#remember(event.run);
        // Only final statuses: a run that waited and then succeeded is one run, not two (the
        // waiting ones are the junction_waiting_runs gauge).
        if (!meta.test && event.type !== 'run.waiting') {
          this.counters.inc('runs', { flow: meta.flowId, version: meta.version, status: event.run.status });
        }
        if (event.type !== 'run.waiting') this.#runs.delete(event.run.id);
        return;
      }
      case 'node.completed':
      case 'node.failed':
        void this.#node(event);
        return;
    }
  }

  /** Writes this process's increments, then reads every process's totals (before serving them). */
  async refresh(): Promise<void> {
    await this.counters.flush();
    await this.counters.load();
  }

  /** Writes pending counters and stops the flush timer. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.counters.flush();
  }

  async #node(event: Extract<EngineEvent, { type: 'node.completed' | 'node.failed' }>): Promise<void> {
    const meta = this.#runs.get(event.runId) ?? (await this.#load(event.runId));
    if (!meta || meta.test) return;
    const labels = { flow: meta.flowId, version: meta.version, node: event.nodeId, type: event.nodeType };
    this.counters.inc('node_calls', labels);
    if (event.type === 'node.failed') this.counters.inc('node_errors', labels);
    this.#latency.observe(labels, event.durationMs / 1000);
    const key = `${meta.flowId}\u0000${meta.version}\u0000${event.nodeId}`;
    let sample = this.samples.get(key);
    if (!sample) {
      sample = {
        flowId: meta.flowId,
        version: meta.version,
        nodeId: event.nodeId,
        nodeType: event.nodeType,
        reservoir: new Reservoir(),
      };
      this.samples.set(key, sample);
    }
    sample.reservoir.add(event.durationMs);
  }

  #remember(run: { id: string; flowId: string; flowVersion: number | null; test: boolean }): RunMeta {
    const meta = {
      flowId: run.flowId,
      version: run.flowVersion === null ? 'draft' : String(run.flowVersion),
      test: run.test,
    };
    // Bounded: metadata of runs that never finish here (crash, other worker) must not pile up.
    if (this.#runs.size > 10_000) this.#runs.delete(this.#runs.keys().next().value as string);
    this.#runs.set(run.id, meta);
    return meta;
  }

  async #load(runId: string): Promise<RunMeta | undefined> {
    const run = await this.#store()?.getRun(runId);
    return run ? this.#remember(run) : undefined;
  }
}
