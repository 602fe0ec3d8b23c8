// Writes docs/nodes.md from the node descriptors (`pnpm docs` at the repository root).
import { writeFileSync } from 'node:fs';
import { credentialKinds } from '../src/credentials/credential-kinds.ts';
import { builtinNodes, renderNodeReference } from '../src/index.ts';

const target = new URL('../../../docs/nodes.md', import.meta.url);
writeFileSync(target, renderNodeReference(builtinNodes, credentialKinds));
console.log(`wrote ${target.pathname}`);
