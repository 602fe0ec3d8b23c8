// Writes docs/nodes.md and docs/zh-CN/nodes.md from the node descriptors (`pnpm docs` at the repository root).
import { mkdirSync, writeFileSync } from 'node:fs';
import { credentialKinds } from '../src/credentials/credential-kinds.ts';
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
