import { JunctionError } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import type { Json } from '../flow/json.ts';
import type { SubflowRef, SubflowResult } from '../node/node-context.ts';
import { runSealerFor } from '../sealing/run-sealer.ts';
import { openSealed } from '../sealing/value-sealer.ts';
import type {
  CallbackContext,
  DeliveryOutcome,
  JournalEntry,
  PendingResume,
  RunRecord,
} from '../store/run-records.ts';
import { isStoreUnavailable } from '../store/store-errors.ts';
import { cancelStoredRun } from './cancel-stored-run.ts';
import { newRunId } from './deterministic-ids.ts';
import { type EngineCore, type ResolvedEngineOptions, resolveOptions } from './engine-core.ts';
import { internalError } from './engine-errors.ts';
import type {
  Engine,
  EngineEvent,
  EngineOptions,
  RunHandle,
  RunResult,
  StartRunOptions,
  StrandedRepair,
} from './engine-types.ts';
import { rootNodes } from './find-ready-nodes.ts';
import { FinishWaiters } from './finish-waiters.ts';
import { GraphCache } from './graph-cache.ts';
import { coalescedFlush, JournalWriter } from './journal-writer.ts';
import { LeaseKeeper, takeLease } from './lease-keeper.ts';
import { applyPendingResumes, groupByRun } from './pending-resumes.ts';
import { planOf, replayJournal } from './replay-journal.ts';
import { fireTimer, type ResumeHost, resumePending } from './resume-runs.ts';
import { RunExecutor } from './run-executor.ts';
import { type RunPlan, RunState } from './run-state.ts';
import {
  isTerminal,
  runSubflow,
  SUBFLOW_CHANNEL,
  type SubflowHost,
  type SubflowParent,
} from './run-subflow.ts';
import { allowedForStopAfter } from './stop-after.ts';
import { TimerLoop } from './timer-loop.ts';

/** Runs recovered per `recover()` call. */
const RECOVER_BATCH = 500;

/** How a run is loaded: its lease (`force`, `patienceMs`), and whether to re-register its waits. */
interface LoadOptions {
  force?: boolean;
  patienceMs?: number;
  rearm?: boolean;
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
  readonly #resumeHost: ResumeHost;
  #observeJournal = (entry: JournalEntry): void => {
    if (this.#listeners.size > 0) this.emit({ type: 'journal', entry });
  };

  constructor(options: EngineOptions) {
    this.options = resolveOptions(options);
    this.#resumeHost = {
      options: this.options,
      active: (runId) => this.#active.get(runId),
      load: (runId, lease) => this.#load(runId, lease),
      logError: (error) => this.#logError(error),
    };
    this.store = options.store;
    this.flows = options.flows;
    const { store, owner, leaseMs, now } = this.options;
    this.#graphs = new GraphCache(options.registry, store);
    this.#flushStore = coalescedFlush(store);
    this.#leases = new LeaseKeeper(
      store,
      owner,
      leaseMs,
      now,
      (runId) => this.#active.get(runId)?.handOver('lease-lost'),
      this.#logError,
    );
    this.#timers = new TimerLoop(store, {
      now,
      pollMs: this.options.timerPollMs,
      leaseMs,
      housekeepingMs: leaseMs,
      handle: (timer) => fireTimer(this.#resumeHost, timer),
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
    // A sub-flow inherits its parent's sensitive values: its stored input holds them sealed.
    const sealer = runSealerFor(this.options.sealer, graph);
    if (options.parentRunId !== undefined)
      sealer?.inherit(this.#active.get(options.parentRunId)?.journal.sealer);
    const stored = sealer?.active ? { ...record, input: sealer.json(record.input) } : record;
    // With its lease from the first moment: no other process's recovery takes a run being started.
    await store.createRun(stored, { owner, until: at + leaseMs });
    const state = new RunState(graph, record, plan);
    state.allowed = allowed;
    const journal = new JournalWriter(store, record.id, 0, this.#observeJournal, this.#flushStore, sealer);
    journal.append({ type: 'run.started', at, data: plan as unknown as Json });
    const executor = new RunExecutor(this, state, journal);
    this.#enter(executor, at);
    try {
      await journal.flush();
    } catch (error) {
      // Not durably started: forget it here; recovery finds the record and continues it.
      this.runLeft(record.id);
      throw error;
    }
    if (this.observed) this.emit({ type: 'run.started', run: stored });
    executor.begin(rootNodes(graph));
    return { id: record.id, done: executor.done };
  }

  async resume(
    channel: string,
    key: string,
    payload: Json,
    context?: CallbackContext,
  ): Promise<DeliveryOutcome> {
    const { store, now, inboxTtlMs } = this.options;
    const at = now();
    const outcome = await store.deliver(channel, key, payload, inboxTtlMs, at, context);
    if (outcome.outcome === 'matched') {
      // The store holds the claimed callback as a pending resume until `node.resumed` is durable.
      const { runId, nodeId } = outcome.wait;
      await resumePending(this.#resumeHost, runId, [
        {
          runId,
          nodeId,
          reason: 'callback',
          channel,
          key,
          payload,
          ...(context ? { context } : {}),
          createdAt: at,
        },
      ]);
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
      const cancelled = await cancelStoredRun(store, record, reason, now(), (run) =>
        (this.parentNotice(run) ?? (() => Promise.resolve()))(),
      );
      if (this.observed) this.emit({ type: 'run.cancelled', run: cancelled });
      this.#finishWaiters.notify(cancelled);
    }
    // Children suspended in the store are not reached by the parent's abort signal.
    const children = await store.listRuns({ parentRunId: runId, status: ['queued', 'running', 'waiting'] });
    await Promise.all(children.map((child) => this.cancel(child.id, 'the parent run was cancelled')));
  }

  async recover(options: { force?: boolean } = {}): Promise<number> {
    const { store, now, owner } = this.options;
    const force = options.force === true;
    // Forced means this process owns the store alone: every other owner is a dead predecessor. Its
    // leases go, suspended runs' included (a suspending run releases its lease without awaiting the
    // write, so a kill moments after leaves it), else their callbacks and timers wait up to leaseMs.
    if (force) await store.releaseForeignLeases(owner);
    // Its timer claims go too: a timer it was firing when it died stays hidden until the claim's
    // lease passes otherwise. Claims record no owner, so only while this engine's own timer loop
    // holds none, i.e. before `startBackground` (a claim cleared under a running handler would
    // let the timer fire twice).
    if (force && !this.#timers.running) await store.releaseTimerClaims();
    const runs = force
      ? await store.listRuns({ status: ['queued', 'running'], limit: RECOVER_BATCH })
      : await store.listOrphanRuns(now(), RECOVER_BATCH);
    let count = 0;
    for (const run of runs) {
      if (this.#active.has(run.id) || this.#loading.has(run.id)) continue;
      const executor = await this.#load(run.id, { force });
      if (executor) count++;
    }
    // Callbacks and deadlines claimed by a process that died (or could not get the lease) before
    // journaling them: their runs are suspended, so only these records point at them.
    const pending = groupByRun(await store.listPendingResumes({ limit: RECOVER_BATCH }));
    for (const [runId, list] of pending) {
      if (this.#active.has(runId) || this.#loading.has(runId)) continue;
      // No patience: a run another live process holds is that process's to resume.
      const lease = force ? { force } : { patienceMs: 0 };
      if ((await resumePending(this.#resumeHost, runId, list, lease)) === 'resumed') count++;
    }
    count += (await this.repairStranded()).repaired.length;
    return count;
  }

  async wake(runId: string): Promise<void> {
    // Loading a run applies its pending resumes and starts a queued one; in memory, only the resumes.
    await resumePending(this.#resumeHost, runId, undefined);
  }

  async repairStranded(): Promise<StrandedRepair> {
    const { store, now } = this.options;
    const stranded = await store.listStrandedRuns(now(), RECOVER_BATCH);
    const result: StrandedRepair = { found: stranded.map((run) => run.id), repaired: [], skipped: [] };
    for (const run of stranded) {
      if (this.#active.has(run.id) || this.#loading.has(run.id)) {
        result.skipped.push(run.id);
        continue;
      }
      this.#logError(
        new JunctionError(
          'JX_RUN_STRANDED',
          `Run ${run.id} was waiting with nothing to wake it (no wait, timer or pending resume); continuing it from its journal.`,
          { runId: run.id },
        ),
      );
      const executor = await this.#load(run.id, { patienceMs: 0, rearm: true });
      (executor ? result.repaired : result.skipped).push(run.id);
    }
    return result;
  }

  startBackground(): void {
    this.#timers.start();
  }

  async stop(): Promise<void> {
    await this.#timers.stop();
    await Promise.allSettled([...this.#active.values()].map((executor) => executor.done));
  }

  // --- EngineCore -------------------------------------------------------------------------------

  runSubflow(parent: SubflowParent, ref: SubflowRef, input: Json, key: string): Promise<SubflowResult> {
    // A child's result read back from the store holds its sensitive values sealed: open them.
    const sealer = this.options.sealer;
    return runSubflow(this, parent, ref, input, key).then((result) =>
      sealer ? { ...result, output: openSealed(sealer, result.output) } : result,
    );
  }

  timerAdded(dueAt: number): void {
    this.#timers.wake(dueAt);
  }

  runLeft(runId: string): void {
    const executor = this.#active.get(runId);
    this.#active.delete(runId);
    this.#leases.drop(runId);
    if (executor?.finished && !executor.handedOver) this.#finishWaiters.notify(executor.state.record);
  }

  // --- SubflowHost ------------------------------------------------------------------------------

  async continueRun(runId: string): Promise<void> {
    await this.#load(runId, { patienceMs: this.options.leaseMs });
  }

  isActive(runId: string): boolean {
    return this.#active.has(runId);
  }

  runDone(runId: string): Promise<RunResult> | undefined {
    return this.#active.get(runId)?.done;
  }

  parentNotice(record: RunRecord): (() => Promise<void>) | undefined {
    const parentRunId = record.parentRunId;
    if (parentRunId === undefined || this.#finishWaiters.has(record.id)) return undefined;
    return async () => {
      const { store, now, inboxTtlMs } = this.options;
      const at = now();
      const payload = { status: record.status };
      const outcome = await store.deliver(SUBFLOW_CHANNEL, record.id, payload, inboxTtlMs, at);
      if (outcome.outcome !== 'matched') return;
      const { nodeId } = outcome.wait;
      const pending: PendingResume = {
        runId: parentRunId,
        nodeId,
        reason: 'callback',
        channel: SUBFLOW_CHANNEL,
        key: record.id,
        payload,
        createdAt: at,
      };
      // After the child's own writes; the pending resume is durable, so a failure here is recovered.
      setImmediate(() => void resumePending(this.#resumeHost, parentRunId, [pending]).catch(this.#logError));
    };
  }

  whenFinished(runId: string): { promise: Promise<RunRecord>; dispose: () => void } {
    return this.#finishWaiters.when(runId);
  }

  // --- internals --------------------------------------------------------------------------------

  #logError = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    this.options.logger?.({ runId: '', nodeId: '', level: 'error', message: `engine: ${message}` });
  };

  /** A run enters memory; `leasedAt` is when its lease was taken. */
  #enter(executor: RunExecutor, leasedAt = this.options.now()): void {
    this.#active.set(executor.id, executor);
    this.#leases.hold(executor.id, leasedAt);
  }

  /**
   * Loads an unfinished run from its journal, takes its lease and continues it in memory.
   * Concurrent callers for one run share one load. Undefined when the run is finished, missing,
   * or leased by another live process.
   */
  #load(runId: string, lease: LoadOptions): Promise<RunExecutor | undefined> {
    const active = this.#active.get(runId);
    if (active) return Promise.resolve(active);
    let loading = this.#loading.get(runId);
    if (!loading) {
      loading = this.#doLoad(runId, lease).finally(() => this.#loading.delete(runId));
      this.#loading.set(runId, loading);
    }
    return loading;
  }

  async #doLoad(runId: string, lease: LoadOptions): Promise<RunExecutor | undefined> {
    const { store, now, owner, leaseMs } = this.options;
    // The record is read only once the lease is ours: read before, it may show a status that the
    // previous holder changed while this process waited for the lease (it suspended the run).
    const leasedAt = now();
    if (!(await takeLease(store, runId, owner, now, leaseMs, lease))) return undefined;
    const record = await store.getRun(runId);
    if (!record || isTerminal(record.status)) return undefined;
    const graph = await this.#graphs.forHash(record.flowHash);
    // Sealed values are opened for the replay (and learnt again, so what it writes is sealed too).
    const sealer = runSealerFor(this.options.sealer, graph);
    const stored = await store.readJournal(runId);
    const entries = sealer ? sealer.openEntries(stored) : stored;
    const plan = planOf(entries);
    // Queued by another process (`queueRun`) without naming a trigger: the first, as `start` picks.
    if (record.status === 'queued' && plan.trigger === undefined) {
      const trigger = graph.nodes.find((node) => node.trigger);
      if (trigger) plan.trigger = trigger.id;
    }
    const input = sealer ? sealer.openInput(record.input) : record.input;
    const state = new RunState(graph, { ...record, input, status: 'running' }, plan);
    if (plan.stopAfter !== undefined) state.allowed = allowedForStopAfter(graph, plan.stopAfter);
    const journal = new JournalWriter(
      store,
      runId,
      entries.at(-1)?.seq ?? 0,
      this.#observeJournal,
      this.#flushStore,
      sealer,
    );
    const executor = new RunExecutor(this, state, journal);
    const replay = replayJournal(state, entries, executor.waiting);
    this.#enter(executor, leasedAt);
    try {
      return await this.#continueLoaded(executor, record, replay, lease.rearm === true);
    } catch (error) {
      // In memory with its lease but not running: never leave it hanging here. An unreachable store
      // hands it back to recovery; anything else (a wait key taken meanwhile…) fails it, coded.
      if (isStoreUnavailable(error)) {
        executor.handOver('store-unavailable');
        throw error;
      }
      executor.fail(internalError(error));
      return executor;
    }
  }

  async #continueLoaded(
    executor: RunExecutor,
    record: RunRecord,
    replay: ReturnType<typeof replayJournal>,
    rearm: boolean,
  ): Promise<RunExecutor | undefined> {
    const { store, now } = this.options;
    const { id: runId, state } = executor;
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
    if (record.status !== 'running') {
      const at = now();
      await store.updateRun(runId, { status: 'running', updatedAt: at });
      state.record = { ...state.record, updatedAt: at };
      // The counterpart of `run.waiting`: a suspended run is back in memory; a queued one starts.
      if (record.status === 'waiting' && this.observed) this.emit({ type: 'run.resumed', run: state.record });
      if (record.status === 'queued' && this.observed) this.emit({ type: 'run.started', run: state.record });
    }
    if (replay.failure) {
      executor.fail(replay.failure);
      return executor;
    }
    for (const { nodeId, reason } of replay.resumed) executor.resume(nodeId, reason, true);
    // Resumes claimed in the store but not journaled yet (a node the journal already shows resumed
    // is not waiting any more, so a stale record resumes nothing); deleted once journaled.
    const pending = await store.listPendingResumes({ runId });
    // A run that was not cleanly suspended may have journaled `node.waiting` without its wait
    // reaching the store (the process died in between, or the store failed): register them again.
    if (rearm || record.status !== 'waiting') {
      await executor.rearmWaits(new Set(pending.map((resume) => resume.nodeId)));
    }
    const applied = pending.length === 0 ? undefined : applyPendingResumes(store, executor, pending);
    executor.begin(replay.ready);
    applied?.catch(this.#logError);
    return executor;
  }
}

/**
 * Creates the engine: the durable executor of flow documents.
 * Call `recover({force: true})` at start-up in embedded mode and `startBackground()` to fire timers.
 */
export function createEngine(options: EngineOptions): Engine {
  return new JunctionEngine(options);
}
