import type {
  JsonObject,
  NodeContext,
  NodeOutputs,
  NodeTypeDefinition,
  ResolvedCredential,
} from '@junction/runtime';
import type { SandboxHandle } from '@junction/sandbox';
import { createTestContext } from '../testing/create-test-context.ts';

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
  return (await node.run(ctx)) as NodeOutputs;
}
