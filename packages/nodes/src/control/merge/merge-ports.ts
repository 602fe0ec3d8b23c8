import type { NodePorts } from '@junction/runtime';

/** Most inputs a merge accepts; beyond this a flow is clearer with two merges. */
export const MAX_MERGE_INPUTS = 10;

/** Input port names of a merge with `count` inputs: `a`, `b`, `c`… */
export function mergeInputNames(count: number | undefined): string[] {
  const n = Math.min(Math.max(Math.trunc(count ?? 2), 2), MAX_MERGE_INPUTS);
  return Array.from({ length: n }, (_, index) => String.fromCharCode(97 + index));
}

/** Ports of a merge: `a`…, one output `out`. */
export function mergePorts(count: number | undefined): NodePorts {
  return { inputs: mergeInputNames(count), outputs: ['out'] };
}
