import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { credentialKinds } from '../credentials/credential-kinds.ts';
import { builtinNodes, renderNodeReference } from '../index.ts';

const referencePath = new URL('../../../../docs/nodes.md', import.meta.url);

describe('node reference', () => {
  it('documents every built-in node type and credential kind', () => {
    const text = renderNodeReference(builtinNodes, credentialKinds);
    for (const node of builtinNodes) expect(text).toContain(`\`${node.type}\` v${node.version}`);
    for (const kind of credentialKinds) expect(text).toContain(`— \`${kind.kind}\``);
  });

  it('docs/nodes.md is current (run `pnpm docs` after changing a node type)', () => {
    expect(readFileSync(referencePath, 'utf8')).toBe(renderNodeReference(builtinNodes, credentialKinds));
  });
});
