import type { Json } from '../flow/json.ts';
import type { JournalEntry } from '../store/run-records.ts';
import { mapStrings } from './sealed-value.ts';
import { collectSensitive, type SensitivePath, sensitivePathsOf } from './sensitive-paths.ts';
import { openSealed, sealString, type ValueSealer } from './value-sealer.ts';

/** Below this length a sensitive value is sealed only where a whole string equals it (see secret-masker). */
const MIN_SUBSTRING_LENGTH = 4;

/** The parts of a journal entry that carry run data (everything else is engine bookkeeping). */
const DATA_FIELDS = ['input', 'output', 'error', 'data'] as const;

/**
 * Seals one run's sensitive values at rest.
 *
 * 1. A `node.completed` entry of a node type that declares `sensitiveOutputs` adds the strings at
 *    those paths to the run's sensitive set (before the entry itself is sealed).
 * 2. Every entry, run record field and event leaving the engine is copied with each string that
 *    equals or contains a sensitive value replaced by `jx:sealed:<token>` — the whole string, so a
 *    downstream `"卡密: …"` or a respond node's body is sealed too, not only the declaring node's
 *    output. Values are tracked, not paths: a card password copied anywhere stays sealed.
 * 3. Loading a run from its journal opens every sealed string and collects the declared paths again
 *    (`openEntries`), so a replay sees plain values and seals what it writes exactly as before.
 * Nodes downstream and `RunHandle.done` get plain values: only what is stored or emitted is sealed.
 */
export class RunSealer {
  readonly #sensitive = new Set<string>();
  readonly #sealed = new Map<string, string>();
  #pattern: RegExp | undefined;
  #dirty = false;

  constructor(
    private readonly sealer: ValueSealer,
    private readonly pathsOf: (nodeId: string) => readonly SensitivePath[] | undefined,
  ) {}

  /** True once the run holds a sensitive value (before that, sealing costs nothing). */
  get active(): boolean {
    return this.#sensitive.size > 0;
  }

  /** Adds the declared sensitive values of a node's outputs to the set. */
  collect(nodeId: string, outputs: Record<string, Json> | undefined): void {
    const paths = outputs && this.pathsOf(nodeId);
    if (!paths) return;
    for (const value of collectSensitive(outputs, paths)) this.#learn(value);
  }

  /** A copy of `value` with every string holding a sensitive value sealed (`value` when none does). */
  json<T extends Json | undefined>(value: T): T {
    if (!this.active || value === undefined) return value;
    return mapStrings(value, this.#sealText);
  }

  /** The entry to store: collects a completion's declared values, then seals the data fields. */
  entry<E extends Partial<JournalEntry>>(entry: E): E {
    if (entry.type === 'node.completed' && entry.nodeId !== undefined)
      this.collect(entry.nodeId, entry.output);
    if (!this.active) return entry;
    let out: E | undefined;
    for (const field of DATA_FIELDS) {
      const value = entry[field] as Json | undefined;
      if (value === undefined) continue;
      const sealed = this.json(value);
      if (sealed === value) continue;
      out ??= { ...entry };
      (out as Record<string, unknown>)[field] = sealed;
    }
    return out ?? entry;
  }

  /** Opens a loaded journal (for replay) and learns its sensitive values again; entries are copied. */
  openEntries(entries: JournalEntry[]): JournalEntry[] {
    return entries.map((stored) => {
      let entry = stored;
      for (const field of DATA_FIELDS) {
        const value = stored[field] as Json | undefined;
        if (value === undefined) continue;
        const open = openSealed(this.sealer, value);
        if (open !== value) entry = { ...entry, [field]: open };
      }
      if (entry.type === 'node.completed' && entry.nodeId !== undefined)
        this.collect(entry.nodeId, entry.output);
      return entry;
    });
  }

  /** Opens a loaded value (a child run's input, a child's result read from the store). */
  open<T extends Json | undefined>(value: T): T {
    return value === undefined ? value : openSealed(this.sealer, value);
  }

  /**
   * Opens a loaded run record's input and treats every string that was sealed in it as sensitive
   * (a sub-flow's input sealed by its parent: the child keeps sealing what it was given).
   */
  openInput<T extends Json | undefined>(value: T): T {
    if (value === undefined) return value;
    return mapStrings(value, (text) => {
      const plain = openSealed(this.sealer, text);
      if (plain !== text) this.#learn(plain);
      return plain;
    }) as T;
  }

  /** Starts with the sensitive values of another run (a sub-flow inherits its parent's). */
  inherit(other: RunSealer | undefined): void {
    if (other) for (const value of other.#sensitive) this.#learn(value);
  }

  #learn(value: string): void {
    if (value === '' || this.#sensitive.has(value)) return;
    this.#sensitive.add(value);
    this.#dirty = true;
  }

  #sealText = (text: string): string => {
    if (!this.#holdsSensitive(text)) return text;
    let sealed = this.#sealed.get(text);
    if (sealed === undefined) {
      sealed = sealString(this.sealer, text);
      // One ciphertext per plain string and run: a card password echoed by five nodes is sealed once.
      this.#sealed.set(text, sealed);
    }
    return sealed;
  };

  #holdsSensitive(text: string): boolean {
    if (this.#sensitive.has(text)) return true;
    const pattern = this.#substringPattern();
    if (!pattern) return false;
    pattern.lastIndex = 0;
    return pattern.test(text);
  }

  #substringPattern(): RegExp | undefined {
    if (this.#dirty) {
      this.#dirty = false;
      const long = [...this.#sensitive].filter((value) => value.length >= MIN_SUBSTRING_LENGTH);
      this.#pattern =
        long.length === 0
          ? undefined
          : new RegExp(long.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    }
    return this.#pattern;
  }
}

/** The sealer of a run of `graph`, or undefined when the engine has no `sealer` option. */
export function runSealerFor(
  sealer: ValueSealer | undefined,
  graph: {
    nodes: readonly { id: string; definition: { type: string; sensitiveOutputs?: string[] } }[];
    byId: Map<string, number>;
  },
): RunSealer | undefined {
  if (!sealer) return undefined;
  return new RunSealer(sealer, (nodeId) => {
    const index = graph.byId.get(nodeId);
    return index === undefined ? undefined : sensitivePathsOf(graph.nodes[index]!.definition);
  });
}
