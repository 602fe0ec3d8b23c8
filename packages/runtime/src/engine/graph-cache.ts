import { JunctionError } from '../errors/junction-error.ts';
import type { FlowDocument } from '../flow/flow-types.ts';
import { hashFlow } from '../flow/hash-flow.ts';
import type { NodeRegistry } from '../node/registry.ts';
import type { RunStore } from '../store/run-store.ts';
import { compileFlowGraph, type FlowGraph } from './flow-graph.ts';

/** Compiled graphs kept by hash; old ones are dropped first. */
const MAX_GRAPHS = 500;

/**
 * Compiles each flow document once and stores its snapshot once. Documents are treated as immutable
 * once started: the same object maps to the same graph without hashing it again (the hot path).
 */
export class GraphCache {
  readonly #byDocument = new WeakMap<FlowDocument, FlowGraph>();
  readonly #byHash = new Map<string, FlowGraph>();
  readonly #stored = new Set<string>();

  constructor(
    private readonly registry: NodeRegistry,
    private readonly store: RunStore,
  ) {}

  /** The graph of a document to start, its snapshot stored under its hash. */
  async forDocument(document: FlowDocument): Promise<FlowGraph> {
    let graph = this.#byDocument.get(document);
    if (!graph) {
      const hash = hashFlow(document);
      graph = this.#byHash.get(hash) ?? this.#remember(compileFlowGraph(document, hash, this.registry));
      this.#byDocument.set(document, graph);
    }
    if (!this.#stored.has(graph.hash)) {
      await this.store.putFlowSnapshot(graph.hash, document);
      this.#stored.add(graph.hash);
    }
    return graph;
  }

  /** The graph a stored run refers to (after a restart, from its snapshot). */
  async forHash(hash: string): Promise<FlowGraph> {
    const cached = this.#byHash.get(hash);
    if (cached) return cached;
    const document = await this.store.getFlowSnapshot(hash);
    if (!document) {
      throw new JunctionError(
        'JX_FLOW_SNAPSHOT_MISSING',
        `The flow snapshot ${hash} a run refers to is not in the store; the store was truncated or another store is configured.`,
        { flowHash: hash },
      );
    }
    this.#stored.add(hash);
    return this.#remember(compileFlowGraph(document, hash, this.registry));
  }

  #remember(graph: FlowGraph): FlowGraph {
    if (this.#byHash.size >= MAX_GRAPHS) {
      const oldest = this.#byHash.keys().next().value;
      if (oldest !== undefined) this.#byHash.delete(oldest);
    }
    this.#byHash.set(graph.hash, graph);
    return graph;
  }
}
