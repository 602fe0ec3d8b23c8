import { defineNode, type Json, JunctionError, type NodeOutputs } from '@junction/runtime';
import { labelledEnum } from '../support/schema-helpers.ts';
import { isTruthy } from '../support/truthy.ts';
import { casePort, type SwitchCase, switchPorts } from './switch-ports.ts';

/** Config of `flow.switch` v1. */
export type SwitchConfig = {
  /** Compared with each case's `equals`; usually an expression like `=order_state`. */
  value?: Json;
  cases: SwitchCase[];
  /** `first`: only the first matching case fires; `all`: every matching case fires. */
  mode?: 'first' | 'all';
};

function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: Json | undefined): Json | undefined {
  if (Array.isArray(value)) return value.map((item) => canonical(item) ?? null);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key]) ?? null]),
    );
  }
  return value;
}

function matches(switchCase: SwitchCase, value: Json | undefined): boolean {
  if (switchCase.equals !== undefined) return deepEqual(switchCase.equals, value);
  return isTruthy(switchCase.condition);
}

/**
 * Routes the input to one output per case (ports derived from config) or to `default` when no case
 * matches. Ports that do not fire are dead, so their branches are skipped.
 */
export const switchNode = defineNode<SwitchConfig>({
  type: 'flow.switch',
  version: 1,
  sideEffects: false,
  title: 'Switch',
  category: 'control',
  description: 'Send the input to the first (or every) matching case, or to "default".',
  icon: '🔀',
  inputs: ['in'],
  outputs: ['default'],
  ports: (config) => switchPorts(config.cases),
  config: {
    type: 'object',
    required: ['cases'],
    additionalProperties: false,
    properties: {
      value: {
        title: 'Value',
        description: 'Compared with each case\'s "equals". Usually an expression.',
        'x-expression': true,
        examples: ['=order_state'],
      },
      cases: {
        type: 'array',
        title: 'Cases',
        description:
          'Checked in order. A case matches when "equals" equals the value, or else when its condition is true.',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: {
              type: 'string',
              title: 'Port name',
              description: 'Name of the output port; default case0, case1…',
              pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
              not: { enum: ['default'] },
              examples: ['success', 'failed'],
            },
            equals: {
              title: 'Equals',
              description: 'Matches when the value equals this.',
              examples: ['success'],
            },
            condition: {
              title: 'Condition',
              description: 'Used when "equals" is empty; matches when true.',
              'x-expression': true,
              examples: ['=amount > 100'],
            },
          },
        },
        examples: [
          [
            { name: 'success', equals: 'success' },
            { name: 'failed', equals: 'failed' },
          ],
        ],
      },
      mode: labelledEnum(
        [
          ['first', 'First matching case only'],
          ['all', 'Every matching case'],
        ],
        {
          title: 'Match',
          description: 'Fire only the first case that matches, or every case that matches.',
          default: 'first',
        },
      ),
    },
  },
  run(ctx) {
    const { cases, value, mode = 'first' } = ctx.config;
    const outputs: NodeOutputs = {};
    const seen = new Set<string>();
    for (const [index, switchCase] of cases.entries()) {
      const port = casePort(switchCase, index);
      if (seen.has(port) || port === 'default') {
        throw new JunctionError('JX_CONFIG_INVALID', `cases[${index}].name: port "${port}" is used twice.`, {
          field: `cases[${index}].name`,
        });
      }
      seen.add(port);
      if (!matches(switchCase, value)) continue;
      outputs[port] = ctx.input;
      if (mode === 'first') break;
    }
    if (Object.keys(outputs).length === 0) outputs.default = ctx.input;
    return outputs;
  },
});
