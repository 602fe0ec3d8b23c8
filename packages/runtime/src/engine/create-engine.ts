import { randomUUID } from 'node:crypto';
import { JunctionError } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import type { SubflowRef, SubflowResult } from '../node/node-context.ts';
import type { ResumeReason } from '../node/node-result.ts';
import type { DeliveryOutcome, JournalEntry, RunRecord, TimerRecord } from '../store/run-records.ts';
import { cancelStoredRun } from './cancel-stored-run.ts';
import { newRunId } from './deterministic-ids.ts';
import type { EngineCore, ResolvedEngineOptions } from './engine-core.ts';
import type { Engine, EngineEvent, EngineOptions, RunHandle, StartRunOptions } from './engine-types.ts';
import { rootNodes } from './find-ready-nodes.ts';
import { FinishWaiters } from './finish-waiters.ts';
import { GraphCache } from './graph-cache.ts';
import { coalescedFlush, JournalWriter } from './journal-writer.ts';
import { LeaseKeeper, takeLease } from './lease-keeper.ts';
import { DEFAULT_MAX_OUTPUT_BYTES } from './output-cap.ts';
import { planOf, replayJournal } from './replay-journal.ts';
import { RunExecutor } from './run-executor.ts';
import { type RunPlan, RunState } from './run-state.ts';
import { isTerminal, runSubflow, type SubflowHost } from './run-subflow.ts';
import { allowedForStopAfter } from './stop-after.ts';
import type { WaitingNode } from './suspension-store.ts';
import { TimerLoop } from './timer-loop.ts';

/** Runs recovered per `recover()` call. */
const RECOVER_BATCH = 500;

function resolveOptions(options: EngineOptions): ResolvedEngineOptions {
  return {
    store: options.store,
    registry: options.registry,
    credentials: options.credentials,
    owner: options.owner ?? 'engine-' + randomUUID(),
    leaseMs: options.leaseMs ?? 30_000,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    concurrency: options.concurrency ?? 8,
    inboxTtlMs: options.inboxTtlMs ?? 24 * 3600_000,
    timerPollMs: options.timerPollMs ?? 1000,
    durability: options.durability ?? 'step',
    now: options.now ?? Date.now,
    logger: options.logger,
  };
}

class JunctionEngine implements Engine, EngineCore, SubflowHost {
  readonly options: ResolvedEngineOptions;
  readonly store;
  readonly flows;
  readonly #listeners = new Set<(event: EngineEvent) => void>();
  readonly #active = new Map<string, RunExecutor>();
  readonly #loading = new Map<string, Promise<RunExecutor | undefined>>();
  readonly #finishWaiters = new FinishWaiters();
  readonly #graphs: GraphCache;
  readonly #leases: LeaseKeeper;
  readonly #timers: TimerLoop;
  readonly #flushStore: () => Promise<void>;
  #observeJournal = (entry: JournalEntry): void => {
    if (this.#listeners.size > 0) this.emit({ type: 'journal', entry });
  };

  constructor(options: EngineOptions) {
    this.options = resolveOptions(options);
    this.store = options.store;
    this.flows = options.flows;
    const { store, owner, leaseMs, now } = this.options;
    this.#graphs = new GraphCache(options.registry, store);
    this.#flushStore = coalescedFlush(store);
    this.#leases = new LeaseKeeper(store, owner, leaseMs, now, () => this.#active.keys(), this.#logError);
    this.#timers = new TimerLoop(store, {
      now,
      pollMs: this.options.timerPollMs,
      leaseMs,
      housekeepingMs: leaseMs,
      handle: (timer) => this.#fireTimer(timer),
      housekeeping: async () => {
        await this.recover();
        await store.purgeInbox(now());
      },
      onError: this.#logError,
    });
  }

  get observed(): boolean {
    return this.#listeners.size > 0;
  }

  emit(event: EngineEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#logError(error);
      }
    }
  }

  on(listener: (event: EngineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(flow: FlowDocument, options: StartRunOptions = {}): Promise<RunHandle> {
    const { store, now, owner, leaseMs } = this.options;
    const graph = await this.#graphs.forDocument(flow);
    const plan: RunPlan = {};
    const trigger = options.triggerNodeId ?? graph.nodes.find((node) => node.trigger)?.id;
    if (trigger !== undefined) {
      if (!graph.byId.has(trigger)) {
        throw new JunctionError('JX_TRIGGER_UNKNOWN', `Trigger node ${trigger} is not in flow ${flow.id}.`, {
          flowId: flow.id,
          nodeId: trigger,
        });
      }
      plan.trigger = trigger;
    }
    if (options.stopAfter !== undefined) plan.stopAfter = options.stopAfter;
    if (options.pinned !== undefined) plan.pinned = options.pinned;
    const allowed = plan.stopAfter === undefined ? undefined : allowedForStopAfter(graph, plan.stopAfter);
    const at = now();
    const record: RunRecord = {
      id: options.runId ?? newRunId(),
      flowId: flow.id,
      flowVersion: options.flowVersion ?? null,
      flowHash: graph.hash,
      status: 'running',
      input: options.input ?? null,
      test: options.test === true,
      createdAt: at,
      updatedAt: at,
    };
    if (options.parentRunId !== undefined) record.parentRunId = options.parentRunId;
    if (options.tags !== undefined) record.tags = options.tags;
    await store.createRun(record);
    const state = new RunState(graph, record, plan);
    state.allowed = allowed;
    const journal = new JournalWriter(store, record.id, 0, this.#observeJournal, this.#flushStore);
    journal.append({ type: 'run.started', at, data: plan as unknown as Json });
    const executor = new RunExecutor(this, state, journal);
    this.#enter(executor);
    try {
      await Promise.all([store.acquireLease(record.id, owner, at, leaseMs), journal.flush()]);
    } catch (error) {
      // Not durably started: forget it here; recovery finds the record and continues it.
      this.runLeft(record.id);
      throw error;
    }
    if (this.observed) this.emit({ type: 'run.started', run: record });
    executor.begin(rootNodes(graph));
    return { id: record.id, done: executor.done };
  }

  async resume(channel: string, key: string, payload: Json): Promise<DeliveryOutcome> {
    const { store, now, inboxTtlMs } = this.options;
    const outcome = await store.deliver(channel, key, payload, inboxTtlMs, now());
    if (outcome.outcome === 'matched') {
      const { runId, nodeId } = outcome.wait;
      await this.#resumeNode(runId, nodeId, () => ({ reason: 'callback', channel, key, payload }));
    }
    return outcome;
  }

  async cancel(runId: string, reason?: string): Promise<void> {
    const { store, now } = this.options;
    const executor = this.#active.get(runId) ?? (await this.#loading.get(runId));
    if (executor && !executor.finished) {
      await executor.cancel(reason);
    } else {
      const record = await store.getRun(runId);
      if (!record) {
        throw new JunctionError('JX_RUN_NOT_FOUND', `Run ${runId} does not exist.`, { runId });
      }
      if (isTerminal(record.status)) return;
      // Suspended (or orphaned) runs are cancelled in the store directly: nothing runs in memory.
      const cancelled = await cancelStoredRun(store, record, reason, now());
      if (this.observed) this.emit({ type: 'run.cancelled', run: cancelled });
      this.#finishWaiters.notify(cancelled);
    }
    // Children suspended in the store are not reached by the parent's abort signal.
    const children = await store.listRuns({ parentRunId: runId, status: ['queued', 'running', 'waiting'] });
    await Promise.all(children.map((child) => this.cancel(child.id, 'the parent run was cancelled')));
  }

  async recover(options: { force?: boolean } = {}): Promise<number> {
    const { store, now } = this.options;
    const runs = options.force
      ? await store.listRuns({ status: ['queued', 'running'], limit: RECOVER_BATCH })
      : await store.listOrphanRuns(now(), RECOVER_BATCH);
    let count = 0;
    for (const run of runs) {
      if (this.#active.has(run.id) || this.#loading.has(run.id)) continue;
      const executor = await this.#load(run.id, { force: options.force === true });
      if (executor) count++;
    }
    return count;
  }

  startBackground(): void {
    this.#timers.start();
  }

  async stop(): Promise<void> {
    await this.#timers.stop();
    await Promise.allSettled([...this.#active.values()].map((executor) => executor.done));
    this.#leases.idle();
  }

  // --- EngineCore -------------------------------------------------------------------------------

  runSubflow(
    parent: { runId: string; nodeId: string; test: boolean; signal: AbortSignal },
    ref: SubflowRef,
    input: Json,
    key: string,
  ): Promise<SubflowResult> {
    return runSubflow(this, parent, ref, input, key);
  }

  timerAdded(dueAt: number): void {
    this.#timers.wake(dueAt);
  }

  runLeft(runId: string): void {
    const executor = this.#active.get(runId);
    this.#active.delete(runId);
    if (this.#active.size === 0) this.#leases.idle();
    if (executor?.finished) this.#finishWaiters.notify(executor.state.record);
  }

  // --- SubflowHost ------------------------------------------------------------------------------

  async continueRun(runId: string): Promise<void> {
    await this.#load(runId, { patienceMs: this.options.leaseMs });
  }

  isActive(runId: string): boolean {
    return this.#active.has(runId);
  }

  whenFinished(runId: string): { promise: Promise<RunRecord>; dispose: () => void } {
    return this.#finishWaiters.when(runId);
  }

  // --- internals --------------------------------------------------------------------------------

  #logError = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    this.options.logger?.({ runId: '', nodeId: '', level: 'error', message: `engine: ${message}` });
  };

  #enter(executor: RunExecutor): void {
    this.#active.set(executor.id, executor);
    this.#leases.ensure();
  }

  /**
   * Loads an unfinished run from its journal, takes its lease and continues it in memory.
   * Concurrent callers for one run share one load. Undefined when the run is finished, missing,
   * or leased by another live process.
   */
  #load(
    runId: string,
    lease: { force?: boolean; patienceMs?: number },
    beforeBegin?: (executor: RunExecutor) => void,
  ): Promise<RunExecutor | undefined> {
    const active = this.#active.get(runId);
    if (active) return Promise.resolve(active);
    let loading = this.#loading.get(runId);
    if (!loading) {
      loading = this.#doLoad(runId, lease, beforeBegin).finally(() => this.#loading.delete(runId));
      this.#loading.set(runId, loading);
    }
    return loading;
  }

  async #doLoad(
    runId: string,
    lease: { force?: boolean; patienceMs?: number },
    beforeBegin?: (executor: RunExecutor) => void,
  ): Promise<RunExecutor | undefined> {
    const { store, now, owner, leaseMs } = this.options;
    const record = await store.getRun(runId);
    if (!record || isTerminal(record.status)) return undefined;
    if (!(await takeLease(store, runId, owner, now, leaseMs, lease))) return undefined;
    const graph = await this.#graphs.forHash(record.flowHash);
    const entries = await store.readJournal(runId);
    const plan = planOf(entries);
    const state = new RunState(graph, { ...record, status: 'running' }, plan);
    if (plan.stopAfter !== undefined) state.allowed = allowedForStopAfter(graph, plan.stopAfter);
    const journal = new JournalWriter(
      store,
      runId,
      entries.at(-1)?.seq ?? 0,
      this.#observeJournal,
      this.#flushStore,
    );
    const executor = new RunExecutor(this, state, journal);
    const replay = replayJournal(state, entries, executor.waiting);
    this.#enter(executor);
    if (replay.terminal) {
      // Finished in the journal, not yet in the run record: finish the record only.
      const entry = replay.terminal;
      if (entry.type === 'run.completed')
        await executor.finishFromJournal('succeeded', entry.data ?? null, undefined);
      else
        await executor.finishFromJournal(
          entry.type === 'run.failed' ? 'failed' : 'cancelled',
          undefined,
          entry.error,
        );
      return undefined;
    }
    if (record.status !== 'running') await store.updateRun(runId, { status: 'running', updatedAt: now() });
    if (replay.failure) {
      executor.fail(replay.failure);
      return executor;
    }
    for (const { nodeId, reason } of replay.resumed) executor.resume(nodeId, reason, true);
    beforeBegin?.(executor);
    executor.begin(replay.ready);
    return executor;
  }

  /** Resumes a waiting node, loading its run from the journal when it is not in memory. */
  async #resumeNode(
    runId: string,
    nodeId: string,
    reasonFor: (waiting: WaitingNode | undefined) => ResumeReason,
  ): Promise<boolean> {
    let resumed = false;
    const apply = (executor: RunExecutor): void => {
      const index = executor.state.graph.byId.get(nodeId);
      const waiting = index === undefined ? undefined : executor.waiting.get(index);
      resumed = executor.resume(nodeId, reasonFor(waiting));
    };
    const active = this.#active.get(runId);
    let executor: RunExecutor | undefined;
    if (active) {
      executor = active;
      apply(active);
    } else {
      executor = await this.#load(runId, { patienceMs: this.options.leaseMs }, apply);
      // Another caller loaded it first: resume on the loaded run.
      if (executor && !resumed) apply(executor);
      if (!executor) {
        const run = await this.options.store.getRun(runId);
        if (run && !isTerminal(run.status)) {
          // Another live process holds the run past our patience: say so loudly, nothing is retried.
          this.#logError(
            new JunctionError(
              'JX_RESUME_LEASE_BUSY',
              `Run ${runId} could not be resumed at node ${nodeId}: another process holds its lease.`,
              { runId, nodeId },
            ),
          );
        }
      }
    }
    // The consumed callback or timer lives on only in the journal now: make it durable before returning.
    if (resumed && executor) await executor.journal.flush();
    return resumed;
  }

  async #fireTimer(timer: TimerRecord): Promise<void> {
    const { store } = this.options;
    if (timer.kind === 'deadline') {
      if (await store.expireWait(timer.runId, timer.nodeId)) {
        await this.#resumeNode(timer.runId, timer.nodeId, (waiting) => ({
          reason: 'timeout',
          channel: waiting?.channel ?? '',
          key: waiting?.key ?? '',
        }));
      }
    } else {
      await this.#resumeNode(timer.runId, timer.nodeId, () => ({ reason: 'timer' }));
    }
    await store.deleteTimer(timer.id);
  }
}

/**
 * Creates the engine: the durable executor of flow documents.
 * Call `recover({force: true})` at start-up in embedded mode and `startBackground()` to fire timers.
 */
export function createEngine(options: EngineOptions): Engine {
  return new JunctionEngine(options);
}
