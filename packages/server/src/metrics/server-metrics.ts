import type { EngineEvent, RunStore } from '@junction/runtime';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SqlDatabase } from '../db/sql-database.ts';
import { escapedErrorCounts } from '../server/process-guards.ts';
import { MetricSeries, type VersionRole } from './metric-series.ts';
import { PersistentCounters } from './persistent-counters.ts';
import { Reservoir } from './reservoir.ts';
import type { TimeSeriesOptions } from './time-series.ts';

/** What {@link ServerMetrics.watchQueue} reads of a BullMQ queue. */
export interface QueueGauges {
  getJobCounts(...states: string[]): Promise<Record<string, number>>;
  getWorkersCount(): Promise<number>;
}

interface RunMeta {
  flowId: string;
  version: string;
  role: VersionRole;
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
 * per node for the dashboard's percentiles (those start empty after a restart), and time series
 * (`series`: one-minute buckets kept 24 h, sliding-window percentiles) for its charts, in memory too.
 * Test runs are not counted.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly counters: PersistentCounters;
  readonly samples = new Map<string, NodeSample>();
  readonly series: MetricSeries;
  readonly #runs = new Map<string, RunMeta>();
  readonly #store: () => RunStore | undefined;
  readonly #latency: Histogram<string>;
  readonly #timer: NodeJS.Timeout;

  constructor(
    db: SqlDatabase,
    store: () => RunStore | undefined,
    options: { series?: TimeSeriesOptions } = {},
  ) {
    this.counters = new PersistentCounters(db);
    this.series = new MetricSeries(options.series);
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
    new Counter({
      name: 'junction_escaped_errors_total',
      help: 'Errors that escaped every handler (unhandled rejections, uncaught exceptions); the process kept running. Should stay 0: each one is a defect to report.',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [kind, value] of escapedErrorCounts()) this.inc({ kind }, value);
      },
    });
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
    new Gauge({
      name: 'junction_queued_runs',
      help: 'Runs recorded but not started yet (the queue depth: in scale-out, started by a worker).',
      registers: [this.registry],
      async collect() {
        const counts = await store()?.countRuns({ status: 'queued' });
        this.set(counts?.queued ?? 0);
      },
    });
    this.#timer = setInterval(() => void this.counters.flush().catch(() => {}), 1000);
    this.#timer.unref();
  }

  /** Counts one callback; `flows` (the flows awaiting its channel) get it in their time series. */
  callback(channel: string, outcome: string, flows: readonly string[] = []): void {
    this.counters.inc('callbacks', { channel, outcome });
    this.series.callback(flows, channel, outcome);
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
          this.series.run({ flow: meta.flowId, version: meta.version, role: meta.role }, event.run.status);
        }
        if (event.type !== 'run.waiting') this.#runs.delete(event.run.id);
        return;
      }
      case 'node.completed':
      case 'node.failed':
        // Metrics never take a process down: a database that is away loses this sample only.
        this.#node(event).catch(() => undefined);
        return;
    }
  }

  /**
   * Queue depth and worker health of a scale-out cluster, read from BullMQ when `/metrics` is
   * scraped: `junction_queue_jobs{state}` (wake and cancel jobs waiting, active, delayed, failed) and
   * `junction_queue_workers` (worker processes connected to the run queue right now).
   */
  watchQueue(queue: QueueGauges): void {
    new Gauge({
      name: 'junction_queue_jobs',
      help: 'Jobs on the run queue by state (scale-out). Jobs only wake workers; the work itself is junction_queued_runs.',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const counts = await queue
          .getJobCounts('waiting', 'active', 'delayed', 'failed')
          .catch(() => undefined);
        this.reset();
        for (const [state, count] of Object.entries(counts ?? {})) this.set({ state }, count);
      },
    });
    new Gauge({
      name: 'junction_queue_workers',
      help: 'Worker processes connected to the run queue (scale-out); alert when it drops below what you run.',
      registers: [this.registry],
      async collect() {
        const workers = await queue.getWorkersCount().catch(() => undefined);
        if (workers !== undefined) this.set(workers);
      },
    });
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
    this.series.node({ ...labels, role: meta.role }, event.durationMs, event.type === 'node.failed');
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

  #remember(run: {
    id: string;
    flowId: string;
    flowVersion: number | null;
    test: boolean;
    tags?: Record<string, unknown>;
  }): RunMeta {
    const meta: RunMeta = {
      flowId: run.flowId,
      version: run.flowVersion === null ? 'draft' : String(run.flowVersion),
      // The run's own tag, not today's deployment: a canary promoted later still charted as canary.
      role: run.flowVersion === null ? 'draft' : run.tags?.canary === true ? 'canary' : 'main',
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
