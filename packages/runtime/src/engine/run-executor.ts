import { type ErrorInfo, JunctionError } from '../errors/junction-error.ts';
import { lowerLimits } from '../expression/lower-limits.ts';
import type { Json } from '../flow/json.ts';
import type { ResumeReason, Suspension } from '../node/node-result.ts';
import type { RunRecord } from '../store/run-records.ts';
import { isStoreUnavailable } from '../store/store-errors.ts';
import { acceptsCallback } from './callback-condition.ts';
import { timerIdOf } from './deterministic-ids.ts';
import type { EngineCore } from './engine-core.ts';
import {
  internalError,
  runCancelledError,
  runHandedOverError,
  runStuckError,
  runTimeoutError,
} from './engine-errors.ts';
import type { RunResult } from './engine-types.ts';
import { createNodeRunEnv, executeNode, type NodeOutcome, type NodeRunEnv } from './execute-node.ts';
import { isDeadNode } from './find-ready-nodes.ts';
import { foreignVerifier } from './foreign-verifier.ts';
import type { JournalWriter } from './journal-writer.ts';
import { applyPendingResumes } from './pending-resumes.ts';
import { passThrough, recordCompletion, recordSkip } from './record-completion.ts';
import { type RunEndStatus, runEndEntry, runEndEvent } from './run-end.ts';
import { runOutput } from './run-output.ts';
import { NodeStatus, type RunState } from './run-state.ts';
import { resumeOf } from './subflow-suspension.ts';
import { storeSuspension, suspensionOf, type WaitingNode, waitingNodeOf } from './suspension-store.ts';

/**
 * Drives one run while it is in memory: schedules ready nodes under the concurrency limit, journals
 * every step, and finishes, fails, or suspends the run. Recovery builds the same object from the journal.
 */
export class RunExecutor {
  readonly env: NodeRunEnv;
  readonly done: Promise<RunResult>;
  readonly waiting = new Map<number, WaitingNode>();
  readonly #resumes = new Map<number, { reason: ResumeReason | undefined; state: Json | undefined }>();
  readonly #queue: number[] = [];
  /** Waiting nodes whose condition is being evaluated for a callback (see {@link admit}). */
  readonly #admitting = new Set<number>();
  readonly #abort = new AbortController();
  readonly #limit: number;
  #running = 0;
  #finished = false;
  #handedOver = false;
  #reject!: (error: Error) => void;
  #settling = false;
  #pendingCheck: Promise<number> | undefined;
  #barrier: Promise<void> | undefined;
  #runTimer: NodeJS.Timeout | undefined;
  #resolve!: (result: RunResult) => void;

  constructor(
    readonly core: EngineCore,
    readonly state: RunState,
    readonly journal: JournalWriter,
  ) {
    const settings = state.graph.document.settings;
    this.env = createNodeRunEnv(core, state, journal, this.#abort.signal);
    this.#limit = Math.max(1, settings?.concurrency ?? core.options.concurrency);
    this.done = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A handed-over run rejects `done`; nobody may be listening (a recovered run), which is fine.
    this.done.catch(() => undefined);
    const runTimeoutMs = settings?.runTimeoutMs;
    if (runTimeoutMs !== undefined) {
      // Counted from when the run (re)enters memory: time spent suspended in the store is excluded.
      this.#runTimer = setTimeout(
        () => this.fail(runTimeoutError(state.info.id, runTimeoutMs)),
        runTimeoutMs,
      );
      this.#runTimer.unref?.();
    }
  }

  get id(): string {
    return this.state.info.id;
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** True when the run left this process without an outcome (see {@link handOver}). */
  get handedOver(): boolean {
    return this.#handedOver;
  }

  /**
   * Gives the run up without writing anything more: its lease is lost, or the store cannot be
   * reached. Running nodes are aborted, unwritten journal rows are dropped, and the run leaves
   * memory; `done` rejects with `JX_RUN_HANDED_OVER`. The store still shows it `running` (or
   * `waiting`), so orphan recovery — here or in another process — continues it from its journal.
   */
  handOver(why: 'lease-lost' | 'store-unavailable'): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#handedOver = true;
    const error = runHandedOverError(this.id, why);
    this.#abort.abort(error);
    this.journal.discard();
    this.#logError(error);
    this.#leaveMemory();
    this.#reject(error);
  }

  /**
   * Puts the waits and timers of the replayed waiting nodes back into the store (except `skip`):
   * after a crash between journaling `node.waiting` and registering the wait, or for a run found
   * suspended with nothing to wake it. Idempotent (one wait and timer per node); a callback that
   * arrived meanwhile is consumed from the inbox and resumes the node.
   */
  async rearmWaits(skip: ReadonlySet<string>): Promise<void> {
    const early = [];
    for (const [index, waiting] of this.waiting) {
      const nodeId = this.state.graph.nodes[index]!.id;
      const suspension = skip.has(nodeId) ? undefined : suspensionOf(waiting);
      if (!suspension) continue;
      const stored = await storeSuspension(this.core, this.id, nodeId, suspension);
      if (stored) early.push(stored.early);
    }
    if (early.length > 0) await applyPendingResumes(this.core.options.store, this, early);
  }

  /** A store failure: an unreachable store hands the run over to recovery, anything else fails it. */
  #failOrHandOver(error: unknown): void {
    if (isStoreUnavailable(error)) this.handOver('store-unavailable');
    else this.fail(internalError(error));
  }

  /** Starts scheduling from nodes that are ready (roots at start, or what replay found). */
  begin(ready: number[]): void {
    this.#dispatch(ready);
    this.#pump();
    this.#checkIdle();
  }

  /** Runs a waiting node again (callback, deadline, timer). False when the node is not waiting. */
  resume(nodeId: string, reason: ResumeReason, payloadFromJournal = false): boolean {
    const index = this.state.graph.byId.get(nodeId);
    if (this.#finished || index === undefined || this.state.status[index] !== NodeStatus.waiting)
      return false;
    const waiting = this.waiting.get(index);
    this.waiting.delete(index);
    if (!payloadFromJournal) {
      this.journal.append({
        type: 'node.resumed',
        nodeId,
        at: this.core.options.now(),
        data: reason as unknown as Json,
      });
    }
    if (this.core.observed)
      this.core.emit({ type: 'node.resumed', runId: this.id, nodeId, reason: reason.reason });
    if (reason.reason === 'callback' && waiting?.until !== undefined) {
      void this.core.options.store.deleteTimer(timerIdOf(this.id, nodeId, 'deadline')).catch(() => undefined);
    }
    this.state.attempts[index] = 0;
    this.#resumes.set(index, resumeOf(waiting, reason));
    this.state.status[index] = NodeStatus.queued;
    this.#queue.push(index);
    this.#pump();
    return true;
  }

  /**
   * Decides what a callback does to a node waiting with a condition (`WaitSuspension.accept`), before
   * {@link resume}: `resume` (no condition, or it holds), `noted` (it does not: the callback is
   * journaled `node.noted` and the wait registered again with the same key and deadline), or `skip`
   * (the node is not waiting, or this callback is already being decided). While it decides, the run
   * counts as busy, so it neither suspends nor finishes under it.
   *
   * 1. The condition is evaluated over the callback body, with its headers and query as `$headers`
   *    and `$query` and the run's bindings.
   * 2. False: `node.noted` is journaled and flushed first, so the timeline shows it even if the
   *    process dies now (the still pending resume is then decided again, and noted again).
   * 3. The wait goes back into the store; it may take a newer callback from the inbox at once,
   *    which is decided the same way. Its deadline timer is left as it was (`putTimer` again).
   */
  async admit(nodeId: string, reason: ResumeReason): Promise<'resume' | 'noted' | 'skip'> {
    const index = this.state.graph.byId.get(nodeId);
    if (reason.reason !== 'callback' || index === undefined) return 'resume';
    const waiting = this.waiting.get(index);
    if (this.#finished || this.state.status[index] !== NodeStatus.waiting || waiting === undefined)
      return 'resume';
    const foreign = foreignVerifier(reason, this.state.graph.nodes[index]?.node.credentials);
    if (foreign === undefined && waiting.accept === undefined) return 'resume';
    if (this.#admitting.has(index)) return 'skip';
    this.#admitting.add(index);
    this.#running++;
    try {
      const bounds = lowerLimits(
        this.core.options.expressionBounds(),
        this.state.graph.nodes[index]?.node.expressionLimits,
      );
      if (
        foreign === undefined &&
        (waiting.accept === undefined ||
          (await acceptsCallback(waiting.accept, reason, this.env.bindings, nodeId, bounds)))
      )
        return 'resume';
      if (this.#finished) return 'skip';
      const { channel, key, payload } = reason;
      this.journal.append({
        type: 'node.noted',
        nodeId,
        at: this.core.options.now(),
        data: {
          channel,
          key,
          payload,
          ...(foreign === undefined ? {} : { reason: `verified with credential ${foreign}, not this run's` }),
        },
      });
      await this.journal.flush();
      const suspension = suspensionOf(waiting);
      const stored = suspension && (await storeSuspension(this.core, this.id, nodeId, suspension));
      if (stored) {
        // A newer callback was waiting in the inbox: decide it too (after this one is released).
        queueMicrotask(() => {
          applyPendingResumes(this.core.options.store, this, [stored.early]).catch((error) =>
            this.#failOrHandOver(error),
          );
        });
      }
      return 'noted';
    } catch (error) {
      if (isStoreUnavailable(error)) this.handOver('store-unavailable');
      else this.fail(error instanceof JunctionError ? error.toJSON() : internalError(error));
      return 'skip';
    } finally {
      this.#admitting.delete(index);
      this.#running--;
      this.#checkIdle();
    }
  }

  /** Cancels the run: aborts running nodes, drops waits and timers, journals `run.cancelled`. */
  async cancel(reason: string | undefined): Promise<void> {
    if (this.#finished) return;
    const error = runCancelledError(this.id, reason);
    await this.#finish('cancelled', undefined, error.toJSON(), error);
  }

  /** Fails the run (node failure, run timeout, internal error). */
  fail(error: ErrorInfo): void {
    void this.#finish(
      'failed',
      undefined,
      error,
      new JunctionError(error.code, error.message, error.details),
    );
  }

  #dispatch(ready: number[]): void {
    const { graph, status, allowed } = this.state;
    // A work list rather than recursion: skipping a node can make a long chain ready at once.
    while (ready.length > 0) {
      const index = ready.pop()!;
      const current = status[index];
      if (current !== NodeStatus.pending && current !== NodeStatus.interrupted) continue;
      if (
        (allowed !== undefined && allowed[index] !== 1) ||
        isDeadNode(graph, this.state, index) ||
        this.#isOtherTrigger(index)
      ) {
        recordSkip(this, index, ready);
        continue;
      }
      const node = graph.nodes[index]!;
      const pinned = this.state.plan.pinned?.[node.id];
      if (pinned !== undefined || node.node.disabled) {
        const outputs = pinned ?? passThrough(this.state, node);
        recordCompletion(this, index, outputs, { [pinned ? 'pinned' : 'disabled']: true }, ready, 0);
        continue;
      }
      status[index] = NodeStatus.queued;
      this.#queue.push(index);
    }
  }

  #isOtherTrigger(index: number): boolean {
    const node = this.state.graph.nodes[index]!;
    return node.trigger && this.state.plan.trigger !== undefined && this.state.plan.trigger !== node.id;
  }

  #pump(): void {
    while (this.#running < this.#limit && this.#queue.length > 0 && !this.#finished) {
      if (this.#holdForBarrier(this.#queue[0]!)) return;
      const index = this.#queue.shift()!;
      const resume = this.#resumes.get(index);
      if (resume) this.#resumes.delete(index);
      this.state.status[index] = NodeStatus.running;
      this.#running++;
      executeNode(this.env, this.state.graph.nodes[index]!, resume).then(
        (outcome) => this.#onOutcome(index, outcome),
        (error: unknown) =>
          this.#onOutcome(
            index,
            isStoreUnavailable(error)
              ? { kind: 'unavailable' }
              : { kind: 'failed', error: internalError(error) },
          ),
      );
    }
  }

  #onOutcome(index: number, outcome: NodeOutcome): void {
    if (this.#finished) return;
    if (outcome.kind === 'unavailable') {
      this.handOver('store-unavailable');
      return;
    }
    if (outcome.kind === 'suspended') {
      void this.#suspendNode(index, outcome.suspension, outcome.logs);
      return;
    }
    if (outcome.kind === 'completed') {
      const ready: number[] = [];
      const data = outcome.logs.length ? { logs: outcome.logs as unknown as Json } : undefined;
      try {
        recordCompletion(this, index, outcome.outputs, data, ready, outcome.durationMs);
      } catch (error) {
        // Never leave the slot counted as running: that is a run that hangs.
        this.#running--;
        this.state.status[index] = NodeStatus.failed;
        this.fail(internalError(error));
        return;
      }
      if (this.waiting.size > 0) void this.#pickUpPending().catch((error) => this.#logError(error));
      this.#running--;
      this.#dispatch(ready);
    } else if (outcome.kind === 'failed') {
      this.#running--;
      this.state.status[index] = NodeStatus.failed;
      this.fail(outcome.error);
      return;
    }
    this.#pump();
    this.#checkIdle();
  }

  /**
   * The step barrier (`durability: 'step'`): a node with side effects starts only once every earlier
   * step is durable, so its effect never rests on state a crash could roll back. Nodes without side
   * effects start at once; a crash re-runs them from the journal. One flush at a time; the queue
   * waits in order behind it, and a flush that fails fails the run.
   */
  #holdForBarrier(index: number): boolean {
    if (this.core.options.durability !== 'step' || !this.state.graph.nodes[index]!.sideEffects) return false;
    if (!this.journal.needsBarrier) return false;
    if (this.#barrier) return true;
    this.#barrier = this.journal.flush().then(
      () => {
        this.#barrier = undefined;
        this.#pump();
        this.#checkIdle();
      },
      (error: unknown) => {
        this.#barrier = undefined;
        this.#failOrHandOver(error);
      },
    );
    return true;
  }

  /** A node returned a suspension: journal it, put it into the store, then maybe suspend the run. */
  async #suspendNode(index: number, suspension: Suspension, logs: unknown[]): Promise<void> {
    const node = this.state.graph.nodes[index]!;
    const waiting = waitingNodeOf(suspension);
    this.state.status[index] = NodeStatus.waiting;
    this.waiting.set(index, waiting);
    const data = (logs.length ? { ...waiting, logs } : waiting) as unknown as Json;
    this.journal.append({ type: 'node.waiting', nodeId: node.id, at: this.core.options.now(), data });
    // The wait must never be in the store before its `node.waiting` entry: a callback claimed in
    // between would leave a pending resume for a node the journal does not show waiting.
    this.journal.issue();
    if (this.core.observed) {
      this.core.emit({
        type: 'node.waiting',
        runId: this.id,
        nodeId: node.id,
        ...(waiting.channel ? { channel: waiting.channel, key: waiting.key! } : {}),
        ...(waiting.until === undefined ? {} : { until: waiting.until }),
      });
    }
    let stored: Awaited<ReturnType<typeof storeSuspension>>;
    try {
      stored = await storeSuspension(this.core, this.id, node.id, suspension);
    } catch (error) {
      this.#running--;
      this.#failOrHandOver(error);
      return;
    }
    this.#running--;
    if (stored) {
      // The consumed early callback stays a pending resume in the store until `node.resumed` is durable.
      applyPendingResumes(this.core.options.store, this, [stored.early]).catch((error) =>
        this.#logError(error),
      );
      return;
    }
    // Cancelled while registering: the cancel cleared waits before this one landed.
    if (this.#finished) void this.core.options.store.clearRunWaits(this.id).catch(() => undefined);
    this.#pump();
    this.#checkIdle();
  }

  /** Nothing running and nothing queued: the run is complete, or suspended when nodes wait. */
  #checkIdle(): void {
    if (this.#finished || this.#settling || this.#running > 0 || this.#queue.length > 0) return;
    if (this.waiting.size > 0) {
      void this.#suspendRun();
      return;
    }
    const { status } = this.state;
    if (status.some((value) => value === NodeStatus.pending)) {
      this.fail(runStuckError(this.id));
      return;
    }
    void this.#finish('succeeded', runOutput(this.state), undefined, undefined);
  }

  async #suspendRun(): Promise<void> {
    const { store, now, owner } = this.core.options;
    this.#settling = true;
    let suspended = false;
    try {
      await this.journal.flush();
      // A callback may have resumed a node while the journal was flushing: keep running then.
      if (this.#busy()) return;
      // Callbacks another process claimed while this one held the lease wait in the store.
      if ((await this.#pickUpPending()) > 0 || this.#busy()) return;
      await store.updateRun(this.id, { status: 'waiting', updatedAt: now() });
      if (this.#busy()) {
        // Resumed while the status was written: the run goes on here, and the store must say so,
        // or a crash from now on leaves it `waiting` with its wake-up already consumed.
        if (!this.#finished) await store.updateRun(this.id, { status: 'running', updatedAt: now() });
        return;
      }
      suspended = true;
      this.#leaveMemory();
      this.state.record = { ...this.state.record, status: 'waiting' };
      void store.releaseLease(this.id, owner).catch(() => undefined);
      if (this.core.observed) this.core.emit({ type: 'run.waiting', run: this.state.record });
      this.#resolve({ runId: this.id, status: 'waiting' });
    } catch (error) {
      this.#failOrHandOver(error);
    } finally {
      this.#settling = false;
      // Work resumed meanwhile may have ended while this was settling: look again.
      if (!suspended) this.#checkIdle();
    }
  }

  #busy(): boolean {
    return this.#running > 0 || this.#queue.length > 0 || this.#finished;
  }

  /**
   * Applies resumes waiting in the store for this run: another process claimed a callback or deadline
   * while this one held the lease, so it could not resume the run itself. Checked only by runs with
   * waiting nodes (after each completed step, and before suspending); one check at a time.
   */
  #pickUpPending(): Promise<number> {
    const { store } = this.core.options;
    this.#pendingCheck ??= store
      .listPendingResumes({ runId: this.id })
      .then((pending) => (pending.length === 0 ? 0 : applyPendingResumes(store, this, pending)))
      .finally(() => {
        this.#pendingCheck = undefined;
      });
    return this.#pendingCheck;
  }

  #logError(error: unknown, prefix = ''): void {
    const message = prefix + internalError(error).message;
    this.core.options.logger?.({ runId: this.id, nodeId: '', level: 'error', message });
  }

  /** The journal already ends the run (crash before the record was updated): update the record only. */
  finishFromJournal(
    status: RunEndStatus,
    output: Json | undefined,
    error: ErrorInfo | undefined,
  ): Promise<void> {
    return this.#finish(status, output, error, undefined, true);
  }

  async #finish(
    status: RunEndStatus,
    output: Json | undefined,
    error: ErrorInfo | undefined,
    abortReason: Error | undefined,
    journaled = false,
  ): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    const { store, now } = this.core.options;
    if (abortReason) this.#abort.abort(abortReason);
    if (status === 'succeeded' && !journaled) {
      // A step the store refused (say, an output it cannot serialise) must not end as a success
      // whose journal lacks it, nor hang the run: it fails the run with the store's reason.
      try {
        await this.journal.settle();
      } catch (refused) {
        if (isStoreUnavailable(refused)) {
          this.#finished = false;
          this.handOver('store-unavailable');
          return;
        }
        error = internalError(refused);
        status = 'failed';
        output = undefined;
      }
    }
    const at = now();
    if (!journaled) this.journal.append(runEndEntry(status, at, output, error));
    const patch: Partial<RunRecord> = { status, updatedAt: at, finishedAt: at };
    // The record (stored and emitted) holds sensitive values sealed; `done` below gets them plain.
    if (status === 'succeeded') patch.output = this.journal.seal(output ?? null);
    if (error) patch.error = this.journal.seal(error as unknown as Json) as unknown as ErrorInfo;
    this.state.record = { ...this.state.record, ...patch };
    try {
      const notice = this.core.parentNotice(this.state.record);
      if (notice) {
        // The parent learns of the end only once the journal holds it (see EngineCore.parentNotice).
        await this.journal.flush();
        await notice();
      }
      const writes: Promise<void>[] = [store.updateRun(this.id, patch), this.journal.flush()];
      if (status === 'cancelled' || this.waiting.size > 0) writes.push(store.clearRunWaits(this.id));
      await Promise.all(writes);
    } catch (writeError) {
      this.#logError(writeError, `Run ${this.id} could not be finalised in the store: `);
    }
    // No lease release: a finished run is never an orphan, and one write less per run matters here.
    this.#leaveMemory();
    if (this.core.observed) this.core.emit(runEndEvent(status, this.state.record, error));
    this.#resolve(
      error ? { runId: this.id, status, error } : { runId: this.id, status, output: output ?? null },
    );
  }

  #leaveMemory(): void {
    if (this.#runTimer) clearTimeout(this.#runTimer);
    this.core.runLeft(this.id);
  }
}
