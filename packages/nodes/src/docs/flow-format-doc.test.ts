import { readFileSync } from 'node:fs';
import { type FlowDocument, validateFlow } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../index.ts';

// docs/flow-format.md teaches the format by example: its JSON must be a flow that validates, and the
// node and edge it shows on their own must be the ones of that flow.

const doc = readFileSync(new URL('../../../../docs/flow-format.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => JSON.parse(m[1]!) as unknown);
const registry = createBuiltinRegistry();

const flow = blocks.find(
  (block): block is FlowDocument => typeof block === 'object' && block !== null && 'schemaVersion' in block,
)!;

describe('docs/flow-format.md', () => {
  it('shows a full small flow that validates against the schema and the built-in node types', () => {
    expect(flow).toBeDefined();
    expect(validateFlow(flow, registry)).toEqual([]);
    expect(flow.edges.length).toBeGreaterThan(0);
  });

  it('shows one node and one edge, each exactly as the full flow has it', () => {
    const [node, edge] = blocks.filter((block) => block !== flow);
    expect(flow.nodes).toContainEqual(node);
    expect(flow.edges).toContainEqual(edge);
    expect(edge).toMatchObject({ source: { port: 'true' }, target: { port: 'in' } });
  });

  it('tells the truth about refusals: a bad port and a bad expression are named by their pointers', () => {
    const broken: FlowDocument = structuredClone(flow);
    broken.edges[2]!.target.port = 'nope';
    broken.nodes[2]!.config.condition = '=amount >=';
    const pointers = validateFlow(broken, registry).map((problem) => `${problem.pointer} ${problem.code}`);
    expect(pointers).toContain('/nodes/2/config/condition JX_EXPRESSION_SYNTAX');
    expect(pointers.some((entry) => entry.startsWith('/edges/2/target/port '))).toBe(true);
  });
});
