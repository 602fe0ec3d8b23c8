import type {
  Json,
  JsonObject,
  NodeContext,
  NodeKeyValue,
  NodeOutputs,
  NodeTypeDefinition,
  ResolvedCredential,
} from '@junction/runtime';
import type { SandboxHandle } from '@junction/sandbox';
import { runWithEgressPolicy } from '../http/egress/egress-scope.ts';
import { createTestContext } from '../testing/create-test-context.ts';
import { loopbackEgress } from '../testing/loopback-egress.ts';

/** The card-platform credential of the sandbox's default merchant. */
export function sandboxCredential(sandbox: SandboxHandle, secret = sandbox.appSecret): ResolvedCredential {
  return {
    id: 'cred-sandbox',
    kind: 'card-platform',
    data: { appKey: sandbox.appKey, appSecret: secret, gatewayUrl: sandbox.gatewayUrl },
    allowedHosts: ['127.0.0.1'],
  };
}

/** Runs one card-platform node against the sandbox and returns its outputs. */
export async function runNode<Config extends JsonObject>(
  node: NodeTypeDefinition<Config>,
  sandbox: SandboxHandle,
  config: Config,
  extra: Partial<NodeContext<Config>> = {},
): Promise<NodeOutputs> {
  const { ctx } = createTestContext<Config>({
    config,
    credentials: { auth: sandboxCredential(sandbox) },
    ...extra,
  });
  return (await runWithEgressPolicy(loopbackEgress, () => node.run(ctx))) as NodeOutputs;
}

/**
 * A key/value space to share between several `runNode` calls, standing in for the run store that
 * attempts (and re-runs after a crash) of one node share.
 */
export function sharedKeyValue(): NodeKeyValue & { entries: Map<string, Json> } {
  const entries = new Map<string, Json>();
  return {
    entries,
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value);
    },
    delete: async (key) => {
      entries.delete(key);
    },
    takeToken: async () => ({ allowed: true, retryAfterMs: 0 }),
  };
}
