import { defineNode, type Json } from '@junction/runtime';
import { labelledEnum } from '../support/schema-helpers.ts';
import { MAX_MERGE_INPUTS, mergeInputNames, mergePorts } from './merge-ports.ts';

/** Config of `flow.merge` v1. */
export type MergeConfig = {
  /** Number of inputs (`a`, `b`, …); default 2. */
  inputs?: number;
  mode?: 'all' | 'first';
  /** Shape of the output in `all` mode. */
  output?: 'object' | 'array';
};

/**
 * Joins branches. The engine runs a node once every connected input has a value or is dead, so:
 * `all` waits for every branch and emits the live values (dead branches are left out);
 * `first` emits the value of the first live input in port order (a, b, c…) — the way to join the
 * exclusive branches of an if/switch, where exactly one is live. v1 never runs while one of its inputs
 * is pending, so it cannot race branches; v2 (`./v2.ts`) can: its `first` mode is a true first arrival.
 */
export const mergeNode = defineNode<MergeConfig>({
  type: 'flow.merge',
  version: 1,
  sideEffects: false,
  title: 'Merge',
  category: 'control',
  description: 'Join branches: wait for all, or pass on the branch that ran.',
  icon: '🔗',
  inputs: ['a', 'b'],
  outputs: ['out'],
  ports: (config) => mergePorts(config.inputs),
  config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      inputs: {
        type: 'integer',
        minimum: 2,
        maximum: MAX_MERGE_INPUTS,
        title: 'Inputs',
        description: 'How many branches to join (ports a, b, c…).',
        default: 2,
        examples: [2, 3],
      },
      mode: labelledEnum(
        [
          ['all', 'Wait for all branches and combine them'],
          ['first', 'Pass on the first branch that has a value (join if/switch branches)'],
        ],
        {
          title: 'Mode',
          description:
            'Combine every branch that ran, or pass on the first one that has a value (after an if or switch).',
          default: 'all',
        },
      ),
      output: labelledEnum(
        [
          ['object', 'Object keyed by input: {a, b}'],
          ['array', 'Array in input order: [a, b]'],
        ],
        { title: 'Combine as', description: 'Branches that did not run are left out.', default: 'object' },
      ),
    },
  },
  run(ctx) {
    const names = mergeInputNames(ctx.config.inputs);
    const live = names.filter((name) => Object.hasOwn(ctx.inputs, name));
    if (ctx.config.mode === 'first') {
      const first = live[0];
      return { out: first === undefined ? null : (ctx.inputs[first] ?? null) };
    }
    if (ctx.config.output === 'array') return { out: live.map((name) => ctx.inputs[name] ?? null) };
    const combined: { [key: string]: Json } = {};
    for (const name of live) combined[name] = ctx.inputs[name] ?? null;
    return { out: combined };
  },
});
