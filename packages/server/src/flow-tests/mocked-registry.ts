import {
  type Json,
  JunctionError,
  type NodeContext,
  NodeRegistry,
  type NodeResult,
  type NodeTypeDefinition,
  portsOf,
} from '@junction/runtime';
import type { MockError, NodeMock } from './test-file-types.ts';

/** What the runner learns from the nodes of a case's runs. */
export interface NodeHooks {
  /** Mocks by node key (`nodeId` in the tested flow, `subflowId/nodeId` in a sub-flow). */
  mocks: Record<string, NodeMock>;
  /** The tested flow's id: its nodes are keyed by id alone. */
  flowId: string;
  /** A node function started (`+1`) or settled, or began waiting for a sub-flow (`-1`). */
  busy(delta: 1 | -1): void;
  /** A node of the tested flow ran: a new attempt, not a suspended one taking up again. */
  ran(nodeId: string): void;
  /** Awaited after a node of the tested flow computed its result, before the engine sees it. */
  beforeResult(nodeId: string): Promise<void>;
}

function mockError(error: MockError, key: string): JunctionError {
  const details: Record<string, Json> = { ...(error.details ?? {}), mocked: true };
  if (error.retryable === false) details.retryable = false;
  return new JunctionError(error.code, error.message ?? `Mocked failure of node ${key}.`, details);
}

function firstPort(definition: NodeTypeDefinition, config: NodeTypeDefinition['config']): string {
  const { outputs } = portsOf(definition, config);
  return outputs.find((port) => port !== 'error') ?? outputs[0] ?? 'out';
}

/** The mock for the `call`-th attempt (0-based): a sequence's item, its last one repeating. */
function mockAt(mock: NodeMock, call: number): Exclude<NodeMock, { sequence: NodeMock[] }> {
  if (!('sequence' in mock)) return mock;
  const item = mock.sequence[Math.min(call, mock.sequence.length - 1)] as NodeMock;
  return mockAt(item, 0);
}

/**
 * The production registry with every definition's `run` wrapped: a node the case mocks returns or
 * throws what the mock says, any other node runs as in production. The wrapper also tells the
 * runner when node code is running (so virtual time never moves under a real call in flight).
 */
export function mockedRegistry(production: NodeRegistry, hooks: NodeHooks): NodeRegistry {
  const calls = new Map<string, number>();
  const wrap = (definition: NodeTypeDefinition): NodeTypeDefinition => ({
    ...definition,
    async run(ctx: NodeContext): Promise<NodeResult> {
      const top = ctx.run.flowId === hooks.flowId;
      const key = top ? ctx.node.id : `${ctx.run.flowId}/${ctx.node.id}`;
      const call = calls.get(key) ?? 0;
      calls.set(key, call + 1);
      if (top && ctx.resumed === undefined) hooks.ran(ctx.node.id);
      const subflow = ctx.subflow;
      // A node waiting for its sub-flow is not busy: the sub-flow's own nodes are counted.
      (ctx as { subflow: typeof subflow }).subflow = async (...args) => {
        hooks.busy(-1);
        try {
          return await subflow(...args);
        } finally {
          hooks.busy(1);
        }
      };
      hooks.busy(1);
      try {
        const mock = hooks.mocks[key];
        const chosen = mock === undefined ? undefined : mockAt(mock, call);
        let result: NodeResult;
        if (chosen === undefined || 'real' in chosen) result = await definition.run(ctx);
        else if ('error' in chosen) {
          if (top) await hooks.beforeResult(ctx.node.id);
          throw mockError(chosen.error, key);
        } else if ('outputs' in chosen) result = chosen.outputs;
        else result = { [firstPort(definition, ctx.config)]: chosen.output };
        if (top) await hooks.beforeResult(ctx.node.id);
        return result;
      } finally {
        hooks.busy(-1);
      }
    },
  });
  return new NodeRegistry().register(...production.list().map(wrap));
}
