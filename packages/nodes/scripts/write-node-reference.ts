// Writes docs/nodes.md, docs/zh-CN/nodes.md and the node list of packages/nodes/README.md from the node
// descriptors (`pnpm docs` at the repository root).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { credentialKinds } from '../src/credentials/credential-kinds.ts';
import { renderNodeList, withNodeList } from '../src/docs/render-node-list.ts';
import { builtinNodes, renderNodeReference } from '../src/index.ts';

const targets = [
  { locale: 'en', file: new URL('../../../docs/nodes.md', import.meta.url) },
  { locale: 'zh-CN', file: new URL('../../../docs/zh-CN/nodes.md', import.meta.url) },
] as const;

for (const { locale, file } of targets) {
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, renderNodeReference(builtinNodes, credentialKinds, locale));
  console.log(`wrote ${file.pathname}`);
}

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withNodeList(readFileSync(readme, 'utf8'), renderNodeList(builtinNodes)));
console.log(`wrote the node list of ${readme.pathname}`);
