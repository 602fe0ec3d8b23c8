import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { credentialKinds } from '../credentials/credential-kinds.ts';
import { builtinNodes, renderNodeReference } from '../index.ts';
import { NODE_LIST_END, NODE_LIST_START, renderNodeList, withNodeList } from './render-node-list.ts';

const referencePath = new URL('../../../../docs/nodes.md', import.meta.url);
const zhReferencePath = new URL('../../../../docs/zh-CN/nodes.md', import.meta.url);
const readmePath = new URL('../../README.md', import.meta.url);

describe('node reference', () => {
  it('documents every built-in node type and credential kind', () => {
    const text = renderNodeReference(builtinNodes, credentialKinds);
    for (const node of builtinNodes) expect(text).toContain(`\`${node.type}\` v${node.version}`);
    for (const kind of credentialKinds) expect(text).toContain(`— \`${kind.kind}\``);
  });

  it('docs/nodes.md is current (run `pnpm docs` after changing a node type)', () => {
    expect(readFileSync(referencePath, 'utf8')).toBe(renderNodeReference(builtinNodes, credentialKinds));
  });

  it('docs/zh-CN/nodes.md is current (run `pnpm docs` after changing a node type or its translation)', () => {
    expect(readFileSync(zhReferencePath, 'utf8')).toBe(
      renderNodeReference(builtinNodes, credentialKinds, 'zh-CN'),
    );
  });

  it('the node list of packages/nodes/README.md is current: generated from the same descriptors', () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(readme).toContain(NODE_LIST_START);
    expect(withNodeList(readme, renderNodeList(builtinNodes))).toBe(readme);
    const list = readme.slice(readme.indexOf(NODE_LIST_START), readme.indexOf(NODE_LIST_END));
    for (const node of builtinNodes) expect(list).toContain(`| \`${node.type}\` | ${node.version} |`);
    // One source: what the README says of a node is what the reference says.
    const reference = renderNodeReference(builtinNodes, credentialKinds);
    for (const node of builtinNodes) expect(reference).toContain(node.description);
  });

  it('refuses a README whose node-list markers are gone, instead of leaving it ungenerated', () => {
    expect(() => withNodeList('# no markers', renderNodeList(builtinNodes))).toThrow(
      expect.objectContaining({ code: 'JX_DOCS_MARKERS_MISSING' }),
    );
  });

  it('the Chinese reference reads in Chinese: translated titles, help and table headers', () => {
    const text = renderNodeReference(builtinNodes, credentialKinds, 'zh-CN');
    expect(text).toContain('### 🪝 Webhook — `trigger.webhook` v1');
    expect(text).toContain('| 配置 | 类型 | 必填 | 默认值 | 说明 |');
    expect(text).toContain('卡券平台：购买卡密 — `cardPlatform.createCardOrder` v1');
    expect(text).not.toContain('| Config | Type |');
  });
});
