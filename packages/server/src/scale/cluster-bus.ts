import type { EngineEvent } from '@junction/runtime';
import type { Redis } from 'ioredis';
import type { ClusterNames, ClusterSignal } from './run-jobs.ts';

type Listener<T> = (message: T) => void;

/**
 * Redis pub/sub between the processes of one cluster: workers publish their engine events (runs
 * finishing, webhook responses, node progress for SSE); anyone publishes {@link ClusterSignal}s.
 * Pub/sub is fire-and-forget: whoever waits on a run also polls the store as a backstop.
 */
export class ClusterBus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #names: ClusterNames;
  readonly #events = new Set<Listener<EngineEvent>>();
  readonly #signals = new Set<Listener<ClusterSignal>>();

  private constructor(pub: Redis, sub: Redis, names: ClusterNames) {
    this.#pub = pub;
    this.#sub = sub;
    this.#names = names;
  }

  /** Subscribes (resolves once Redis confirmed the subscription, so nothing published after is missed). */
  static async open(redis: Redis, names: ClusterNames): Promise<ClusterBus> {
    const sub = redis.duplicate();
    sub.on('error', () => {});
    const bus = new ClusterBus(redis, sub, names);
    sub.on('message', (channel: string, text: string) => bus.#dispatch(channel, text));
    await sub.subscribe(names.events, names.signals);
    return bus;
  }

  /** Publishes an engine event to every process. */
  publishEvent(event: EngineEvent): void {
    void this.#pub.publish(this.#names.events, JSON.stringify(event)).catch(() => {});
  }

  /** Publishes a signal to every process (the sender hears it too; `from` tells). */
  async publishSignal(signal: ClusterSignal): Promise<void> {
    await this.#pub.publish(this.#names.signals, JSON.stringify(signal));
  }

  /** Listens to engine events of every worker. */
  onEvent(listener: Listener<EngineEvent>): () => void {
    this.#events.add(listener);
    return () => this.#events.delete(listener);
  }

  /** Listens to signals. */
  onSignal(listener: Listener<ClusterSignal>): () => void {
    this.#signals.add(listener);
    return () => this.#signals.delete(listener);
  }

  /** Unsubscribes; the publishing connection belongs to the caller. */
  async close(): Promise<void> {
    this.#events.clear();
    this.#signals.clear();
    this.#sub.disconnect();
  }

  #dispatch(channel: string, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const listeners = channel === this.#names.events ? this.#events : this.#signals;
    for (const listener of listeners) {
      try {
        (listener as Listener<unknown>)(message);
      } catch {
        // One listener's failure must not starve the others.
      }
    }
  }
}
