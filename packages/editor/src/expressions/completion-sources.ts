import type { Json } from '../document/flow-types.ts';
import type { EditorState } from '../store/editor-state.ts';
import { type CompletionSources, type Shape, shapeOfSchema, shapeOfValue } from './completions.ts';

/**
 * Completion data for an expression in node `nodeId`: every other node's ports, shaped from the last
 * test run's outputs when the node ran, else from its type's output schema; flow variables; and the
 * trigger payload of the last run.
 */
export function completionSources(state: EditorState, nodeId: string): CompletionSources {
  const nodes: CompletionSources['nodes'] = {};
  for (const node of state.document.nodes) {
    if (node.id === nodeId) continue;
    const descriptor = state.catalogue.byType.get(node.type);
    const ran = state.run?.nodes[node.id]?.output;
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
  if (state.run?.input !== undefined) sources.trigger = shapeOfValue(state.run.input);
  return sources;
}
