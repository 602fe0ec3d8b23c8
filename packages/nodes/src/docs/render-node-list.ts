import { JunctionError, type NodeTypeDefinition } from '@junction/runtime';

/** Marks the generated part of packages/nodes/README.md; everything between them is rewritten. */
export const NODE_LIST_START =
  '<!-- node-list:start — generated from the node descriptors by `pnpm docs`; do not edit by hand -->';
/** See {@link NODE_LIST_START}. */
export const NODE_LIST_END = '<!-- node-list:end -->';

/** One line of text for a table cell: no pipes, no newlines. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * The README's list of node types — type, version, title and description, one row each, in registry
 * order — from the same descriptors as the node reference, so the two cannot disagree.
 */
export function renderNodeList(nodes: readonly NodeTypeDefinition[]): string {
  const rows = nodes.map(
    (node) => `| \`${node.type}\` | ${node.version} | ${cell(node.title)} | ${cell(node.description)} |`,
  );
  return [
    NODE_LIST_START,
    '',
    '| Type | Version | Title | What it does |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    NODE_LIST_END,
  ].join('\n');
}

/**
 * `readme` with its generated node list replaced by `list`. Throws when the markers are missing, so a
 * README edited by hand cannot silently stop being generated.
 */
export function withNodeList(readme: string, list: string): string {
  const start = readme.indexOf(NODE_LIST_START);
  const end = readme.indexOf(NODE_LIST_END);
  if (start < 0 || end < start) {
    throw new JunctionError(
      'JX_DOCS_MARKERS_MISSING',
      `packages/nodes/README.md lacks the node-list markers; put back ${NODE_LIST_START} and ${NODE_LIST_END} where the list goes.`,
      {},
    );
  }
  return readme.slice(0, start) + list + readme.slice(end + NODE_LIST_END.length);
}
