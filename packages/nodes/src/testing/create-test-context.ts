import {
  type Json,
  type JsonObject,
  type NodeContext,
  type ResolvedCredential,
  sleepUntil,
  type WebhookResponse,
  waitFor,
} from '@junction/runtime';
import jsonata from 'jsonata';

/** What a unit test can observe after running a node with {@link createTestContext}. */
export interface TestContextRecorder {
  logs: { level: string; message: string; fields?: JsonObject }[];
  responses: WebhookResponse[];
  kv: Map<string, Json>;
}

/**
 * A `NodeContext` for unit tests of a single node, without an engine. Integration tests run nodes
 * through the real engine instead; this only saves wiring in small tests.
 */
export function createTestContext<Config extends JsonObject>(
  overrides: Partial<NodeContext<Config>> & { config: Config },
): { ctx: NodeContext<Config>; recorder: TestContextRecorder } {
  const recorder: TestContextRecorder = { logs: [], responses: [], kv: new Map() };
  const log =
    (level: string) =>
    (message: string, fields?: JsonObject): void => {
      recorder.logs.push({ level, message, ...(fields ? { fields } : {}) });
    };
  const ctx: NodeContext<Config> = {
    input: null,
    inputs: {},
    credentials: {} as Record<string, ResolvedCredential>,
    signal: new AbortController().signal,
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    idempotencyKey: 'run-test:node-test',
    attempt: 1,
    run: { id: 'run-test', flowId: 'flow-test', flowVersion: null, startedAt: Date.now(), test: true },
    node: { id: 'node-test', type: 'test' },
    async evaluate(expression, document, bindings) {
      const source = expression.startsWith('=') ? expression.slice(1) : expression;
      const result = await jsonata(source).evaluate(document ?? ctx.input, bindings);
      return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as Json);
    },
    wait: ({ channel, key, timeoutMs, deadline, accept, state }) => {
      const due = deadline ?? (timeoutMs === undefined ? undefined : Date.now() + timeoutMs);
      return waitFor({
        channel,
        key,
        ...(due === undefined ? {} : { deadline: due }),
        ...(accept === undefined ? {} : { accept }),
        ...(state === undefined ? {} : { state }),
      });
    },
    sleep: (until, state) => sleepUntil(until, state),
    respond: (response) => {
      recorder.responses.push(response);
    },
    subflow: async () => {
      throw new Error('createTestContext: subflow needs the engine; test this node through createEngine');
    },
    kv: {
      get: async (key) => recorder.kv.get(key),
      set: async (key, value) => {
        recorder.kv.set(key, value);
      },
      delete: async (key) => {
        recorder.kv.delete(key);
      },
      takeToken: async () => ({ allowed: true, retryAfterMs: 0 }),
    },
    now: () => Date.now(),
    ...overrides,
  };
  return { ctx, recorder };
}
