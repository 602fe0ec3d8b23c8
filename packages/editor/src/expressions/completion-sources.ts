import type { Json } from '../document/flow-types.ts';
import { describeNode } from '../document/node-types.ts';
import { triggerInputGuide } from '../run/trigger-input.ts';
import type { EditorState } from '../store/editor-state.ts';
import { type CompletionSources, type Shape, shapeOfSchema, shapeOfValue } from './completions.ts';

function upstreamDistances(state: EditorState, nodeId: string): Map<string, number> {
  const incoming = new Map<string, string[]>();
  for (const edge of state.document.edges) {
    incoming.set(edge.target.node, [...(incoming.get(edge.target.node) ?? []), edge.source.node]);
  }
  const distance = new Map<string, number>();
  let frontier = [nodeId];
  for (let depth = 1; frontier.length; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const source of incoming.get(id) ?? []) {
        if (distance.has(source) || source === nodeId) continue;
        distance.set(source, depth);
        next.push(source);
      }
    }
    frontier = next;
  }
  return distance;
}

/**
 * Completion data for an expression in node `nodeId`: every other node's ports (upstream ones first), shaped from the last
 * test run's outputs when the node ran, else from the trigger's example (a webhook's `exampleRequest`, a
 * manual trigger's `exampleInput`), else from its type's output schema; flow variables; and the trigger
 * payload of the last run (or the example before any run).
 */
export function completionSources(state: EditorState, nodeId: string): CompletionSources {
  const nodes: CompletionSources['nodes'] = {};
  // Upstream nodes first, nearest first: their outputs are the ones this node can actually see.
  const distance = upstreamDistances(state, nodeId);
  const guide = triggerInputGuide(state.document, state.catalogue.types);
  const example = guide.exampleConfigured ? guide.example : undefined;
  const ordered = [...state.document.nodes].sort(
    (a, b) => (distance.get(a.id) ?? Infinity) - (distance.get(b.id) ?? Infinity),
  );
  for (const node of ordered) {
    if (node.id === nodeId) continue;
    const descriptor = describeNode(state.catalogue.types, node);
    const ran =
      state.run?.nodes[node.id]?.output ?? (node === guide.node && example ? { out: example } : undefined);
    const ports: Record<string, Shape> = {};
    for (const port of descriptor?.outputs ?? Object.keys(ran ?? {})) {
      ports[port] =
        ran && port in ran ? shapeOfValue(ran[port]) : shapeOfSchema(descriptor?.outputSchema?.[port]);
    }
    if (ran) for (const [port, value] of Object.entries(ran)) ports[port] ??= shapeOfValue(value);
    nodes[node.id] = { title: node.name ?? descriptor?.title ?? node.type, ports };
  }
  const vars: Record<string, Shape> = {};
  for (const [key, value] of Object.entries(state.document.settings?.variables ?? {}))
    vars[key] = shapeOfValue(value as Json);
  const sources: CompletionSources = { nodes, vars };
  const triggerInput = state.run?.input ?? example;
  if (triggerInput !== undefined) sources.trigger = shapeOfValue(triggerInput);
  return sources;
}
