import type { FlowDocument, FlowEdge, FlowNode } from '../src/document/flow-types.ts';

/**
 * A realistic large flow: one manual trigger fanning out into parallel lanes of
 * HTTP request → If → Map, laid out on a grid. `size` is the total node count.
 */
export function generateFlow(size: number, id = `bench-${size}`): FlowDocument {
  const nodes: FlowNode[] = [
    { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
  ];
  const edges: FlowEdge[] = [];
  const kinds = [
    { type: 'http.request', config: (i: number) => ({ method: 'GET', url: `=$vars.base & "/items/${i}"` }) },
    { type: 'flow.if', config: () => ({ condition: '=status = 200' }) },
    { type: 'transform.map', config: () => ({ mapping: '={"id": body.id, "ok": true}' }) },
  ];
  for (let i = 1; i < size; i++) {
    const lane = Math.floor((i - 1) / 3);
    const step = (i - 1) % 3;
    const kind = kinds[step]!;
    nodes.push({
      id: `n${i}`,
      type: kind.type,
      typeVersion: 1,
      position: { x: 280 * (step + 1), y: 120 * lane },
      config: kind.config(i),
    });
    const source = step === 0 ? 'start' : `n${i - 1}`;
    const port = step === 0 ? 'out' : step === 1 ? 'out' : 'true';
    edges.push({ id: `e${i}`, source: { node: source, port }, target: { node: `n${i}`, port: 'in' } });
  }
  return {
    schemaVersion: 1,
    id,
    name: `Benchmark flow (${size} nodes)`,
    nodes,
    edges,
    settings: { variables: { base: 'http://127.0.0.1:9' } },
  };
}
