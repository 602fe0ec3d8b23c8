// Test-only: the crash children all run a straight chain of test node types.
import type { FlowDocument, JsonObject } from '../../src/index.ts';

/** One link of a chain: node id, node type, config, and the output port that feeds the next link. */
export interface ChainStep {
  id: string;
  type: string;
  config?: JsonObject;
  /** Output port wired to the next step's `in` (default `out`). */
  out?: string;
}

/** A flow whose nodes run one after another: `steps[i].out` → `steps[i + 1].in`. */
export function chainFlow(id: string, steps: ChainStep[]): FlowDocument {
  return {
    schemaVersion: 1,
    id,
    name: id,
    nodes: steps.map((step) => ({
      id: step.id,
      type: step.type,
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: step.config ?? {},
    })),
    edges: steps.slice(1).map((step, i) => {
      const from = steps[i]!;
      return {
        id: `${from.id}-${step.id}`,
        source: { node: from.id, port: from.out ?? 'out' },
        target: { node: step.id, port: 'in' },
      };
    }),
  };
}
