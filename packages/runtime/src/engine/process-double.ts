// Test-only: a RunStore as one worker process sees it, so tests can play out interleavings across
// processes deterministically — pause a call, fail it, or kill the "process" at an exact step.
// Not exported from the package.
import type { RunStore } from '../store/run-store.ts';

type Method = keyof RunStore & string;
type Args = unknown[];

/** One process's view of a shared store, with the controls a race test needs. */
export interface ProcessDouble {
  /** Give this to the process's engine. */
  store: RunStore;
  /** From now on every call of this process hangs forever, like a SIGKILLed process's. */
  die(): void;
  readonly dead: boolean;
  /**
   * The next call of `method` matching `when` waits; `reached` resolves when it is made,
   * `release()` lets it run.
   */
  hold(method: Method, when?: (args: Args) => boolean): { reached: Promise<void>; release(): void };
  /** After the next call of `method` matching `when` settles, `then` runs (e.g. `die`). */
  after(method: Method, then: (result: unknown) => void, when?: (args: Args) => boolean): void;
  /** Calls of `method` matching `when` reject with `error()` until `stop()`. */
  fail(method: Method, error: () => Error, when?: (args: Args) => boolean): { stop(): void };
}

const never = (): Promise<never> => new Promise<never>(() => undefined);

interface Rule {
  method: Method;
  when: (args: Args) => boolean;
  once: boolean;
  around: (call: () => Promise<unknown>) => Promise<unknown>;
}

/** Wraps `shared` for one simulated process. */
export function processDouble(shared: RunStore): ProcessDouble {
  let dead = false;
  const rules: Rule[] = [];
  const always = () => true;

  const store = new Proxy(shared, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: Args) => {
        if (dead) return never();
        const call = () =>
          dead ? never() : Promise.resolve((value as (...a: Args) => unknown).apply(target, args));
        const index = rules.findIndex((rule) => rule.method === property && rule.when(args));
        if (index < 0) {
          const result = (value as (...a: Args) => unknown).apply(target, args);
          // Synchronous members (discardQueuedJournal) stay synchronous.
          return result;
        }
        const rule = rules[index]!;
        if (rule.once) rules.splice(index, 1);
        return rule.around(call);
      };
    },
  });

  return {
    store,
    die() {
      dead = true;
    },
    get dead() {
      return dead;
    },
    hold(method, when = always) {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      rules.push({
        method,
        when,
        once: true,
        around: async (call) => {
          reached();
          await gate;
          return call();
        },
      });
      return { reached: reachedPromise, release };
    },
    after(method, then, when = always) {
      rules.push({
        method,
        when,
        once: true,
        around: async (call) => {
          const result = await call();
          then(result);
          return result;
        },
      });
    },
    fail(method, error, when = always) {
      const rule: Rule = { method, when, once: false, around: () => Promise.reject(error()) };
      rules.push(rule);
      return {
        stop() {
          const index = rules.indexOf(rule);
          if (index >= 0) rules.splice(index, 1);
        },
      };
    },
  };
}
