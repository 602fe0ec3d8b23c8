import { describe, expect, it } from 'vitest';
import { nodeTypesFixture, storeWithCatalogue } from '../../test/support/fixtures.ts';
import { createCommands } from '../store/commands.ts';
import { indexNodeTypes, nodeDescriber } from './node-types.ts';
import { explainRefusedDrop } from './refused-drop.ts';

const describeType = nodeDescriber(indexNodeTypes(nodeTypesFixture().nodeTypes));

/** trigger → fetch → map, plus a second request node. */
function flow() {
  const store = storeWithCatalogue();
  const commands = createCommands(store);
  const trigger = commands.addNode('trigger.webhook', { x: 0, y: 0 })!;
  const fetch = commands.addNode('http.request', { x: 300, y: 0 })!;
  const map = commands.addNode('transform.map', { x: 600, y: 0 })!;
  commands.connect({ node: trigger, port: 'out' }, { node: fetch, port: 'in' });
  commands.connect({ node: fetch, port: 'out' }, { node: map, port: 'in' });
  return { document: store.getState().document, trigger, fetch, map };
}

const out = (node: string, port = 'out') => ({ node, port, side: 'source' as const });
const inp = (node: string, port = 'in') => ({ node, port, side: 'target' as const });

describe('explaining a refused connection drop', () => {
  it('says an output cannot join another output', () => {
    const { document, fetch, map } = flow();
    const verdict = explainRefusedDrop(document, out(map), out(fetch), fetch, describeType);
    expect(verdict).toMatchObject({ ok: false, code: 'JX_EDITOR_EDGE_DIRECTION' });
    expect(!verdict.ok && verdict.reason).toContain('is an output too');
  });

  it('says an input cannot join another input', () => {
    const { document, fetch, map } = flow();
    const verdict = explainRefusedDrop(document, inp(fetch), inp(map), map, describeType);
    expect(!verdict.ok && verdict.reason).toContain('is an input too');
  });

  it('says a trigger takes no input, whether dropped on its body or on its output', () => {
    const { document, trigger, map } = flow();
    for (const to of [null, out(trigger)]) {
      const verdict = explainRefusedDrop(document, out(map), to, trigger, describeType);
      expect(!verdict.ok && verdict.reason).toContain('is a trigger');
    }
  });

  it('asks for a port when the drop missed one on a node that has inputs', () => {
    const { document, trigger, map } = flow();
    const verdict = explainRefusedDrop(document, out(trigger), null, map, describeType);
    expect(verdict).toMatchObject({ ok: false, code: 'JX_EDITOR_EDGE_MISSED_PORT' });
  });

  it('gives the usual verdict for a port of the other kind, oriented either way', () => {
    const { document, fetch, map } = flow();
    const fromOutput = explainRefusedDrop(document, out(map), inp(fetch), fetch, describeType);
    const fromInput = explainRefusedDrop(document, inp(fetch), out(map), map, describeType);
    expect(!fromOutput.ok && fromOutput.reason).toContain('cycle');
    expect(fromInput).toEqual(fromOutput);
  });

  it('is no refusal on empty canvas or back on the node the drag started from', () => {
    const { document, map } = flow();
    expect(explainRefusedDrop(document, out(map), null, null, describeType).ok).toBe(true);
    expect(explainRefusedDrop(document, out(map), null, map, describeType).ok).toBe(true);
  });
});
