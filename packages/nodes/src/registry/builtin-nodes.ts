import type { NodeTypeDefinition } from '@junction/runtime';
import { integrationNodes } from '../integration-nodes.ts';
import { controlNodes } from './control-nodes.ts';

/**
 * Every built-in node type, all versions. Each node engineer adds their definitions here with a
 * one-line edit; `createBuiltinRegistry()` and the server's `GET /api/node-types` read this list.
 */
// biome-ignore lint/suspicious/noExplicitAny: each definition keeps its own config type
export const builtinNodes: NodeTypeDefinition<any>[] = [
  // nodes-control: triggers, transform, control flow, utility
  ...controlNodes,
  // nodes-integration: credentials, http, card platform, callback, code
  ...integrationNodes,
];
