import { defineNode, type Json, JunctionError } from '@junction/runtime';
import { runUserCode } from './run-user-code.ts';

/** Config of `code.js` v1. */
export type CodeJsConfig = {
  code: string;
  timeoutMs?: number;
  memoryLimitMb?: number;
};

/**
 * Runs user JavaScript in QuickJS on a worker thread (see `code-worker-pool.ts`), so a loop or a memory
 * bomb never stalls the server or costs it memory. The code is the body of a function of `input` (the node input),
 * `vars` (the flow variables) and `run` (`{id, flowId, flowVersion, test}`), all frozen JSON; what it
 * `return`s (a promise is awaited) goes out on `out` as JSON (`undefined` becomes null, functions are dropped).
 */
export const codeJsNode = defineNode<CodeJsConfig>({
  type: 'code.js',
  version: 1,
  sideEffects: false,
  title: 'JavaScript code',
  category: 'code',
  description: 'Run a JavaScript function body on the input, in a sandbox; return the output.',
  icon: '🧩',
  inputs: ['in'],
  outputs: ['out', 'error'],
  rawConfigKeys: ['code'],
  config: {
    type: 'object',
    required: ['code'],
    additionalProperties: false,
    properties: {
      code: {
        type: 'string',
        title: 'Code',
        description:
          'The body of a function of input, vars and run. Return the output. No require, network, file system or timers.',
        default: 'return input;',
        examples: ['return input.items.map((item) => ({ sku: item.id, qty: item.quantity }));'],
        'x-editor': 'javascript',
      },
      timeoutMs: {
        type: 'integer',
        title: 'Time limit (ms)',
        description: 'The code is stopped after this long, wall clock (JX_CODE_TIMEOUT).',
        default: 1_000,
        minimum: 10,
        maximum: 30_000,
      },
      memoryLimitMb: {
        type: 'integer',
        title: 'Memory limit (MB)',
        description: 'The code is stopped when it uses more (JX_CODE_MEMORY).',
        default: 32,
        minimum: 4,
        maximum: 256,
      },
    },
  },
  async run(ctx) {
    if (typeof ctx.config.code !== 'string') {
      throw new JunctionError('JX_INPUT_INVALID', 'code must be a string of JavaScript.', { field: 'code' });
    }
    ctx.signal.throwIfAborted();
    const { id, flowId, flowVersion, test } = ctx.run;
    const output = await runUserCode(
      ctx.config.code,
      { input: ctx.input, vars: await flowVariables(ctx.evaluate), run: { id, flowId, flowVersion, test } },
      { timeoutMs: ctx.config.timeoutMs ?? 1_000, memoryMb: ctx.config.memoryLimitMb ?? 32 },
      { nodeId: ctx.node.id, signal: ctx.signal },
    );
    return { out: output };
  },
});

/** `$vars` as the engine binds it; `{}` where there are none. */
async function flowVariables(evaluate: (expression: string) => Promise<Json>): Promise<Json> {
  try {
    return (await evaluate('$vars')) ?? {};
  } catch {
    return {};
  }
}
