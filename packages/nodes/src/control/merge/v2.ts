import { defineNode } from '@junction/runtime';
import { labelledEnum } from '../support/schema-helpers.ts';
import { type MergeConfig, mergeNode } from './v1.ts';

/**
 * `flow.merge` v2: `first` is a true race. In `first` mode the node declares `readiness: 'any'`, so
 * the engine runs it as soon as any branch delivers a value — once; branches finishing later are
 * ignored (their values are dropped, nothing runs twice). If several inputs arrive at the same moment
 * (one node feeding two ports), the first in port order wins. When every branch is dead the merge is
 * skipped. `all` mode is v1's: wait for every branch, combine the live ones.
 *
 * A new version because v1's `first` (wait for every branch, then the first live one in port order)
 * is a different answer whenever two branches both deliver: flows saved with v1 keep v1's meaning.
 * The run function is v1's: with first-arrival readiness, `ctx.inputs` holds only what had arrived.
 */
export const mergeNodeV2 = defineNode<MergeConfig>({
  ...mergeNode,
  version: 2,
  description: 'Join branches: wait for all, or race them and pass on the first to arrive.',
  readiness: (config) => (config.mode === 'first' ? 'any' : 'all'),
  config: {
    ...mergeNode.config,
    properties: {
      ...(mergeNode.config.properties as Record<string, unknown>),
      mode: labelledEnum(
        [
          ['all', 'Wait for all branches and combine them'],
          ['first', 'Race: pass on the first branch to arrive, ignore the rest'],
        ],
        {
          title: 'Mode',
          description:
            'Combine every branch that ran, or pass on whichever branch delivers first; later branches still run but are not passed on.',
          default: 'all',
        },
      ),
    },
  },
});
