import type { FlowDocument, Json } from '@junction/runtime';
import { type DeployedFlow, deployFlow } from './deploy-flow.ts';
import {
  CARD_PLATFORM_CHANNEL,
  EXAMPLE_FLOW_IDS,
  type ExampleFlowId,
  readExampleFlow,
  SANDBOX_CREDENTIAL_ID,
} from './example-flows.ts';
import { createJunctionClient } from './junction-client.ts';
import { upsertSandboxCredential } from './sandbox-credential.ts';

/** The card-platform account the examples order from (usually a running `@junction/sandbox`). */
export interface SandboxAccount {
  gatewayUrl: string;
  appKey: string;
  appSecret: string;
}

/** Options of {@link loadExamples}. */
export interface LoadExamplesOptions {
  /** Base URL of the Junction server, e.g. `http://127.0.0.1:3000`. */
  serverUrl: string;
  /** An API token with `credentials:write`, `flows:write` and `deploy` (the admin token will do). */
  token: string;
  sandbox: SandboxAccount;
  /**
   * Where suppliers and shops reach the server (the server's `--public-url`, e.g. behind a load
   * balancer or tunnel). Default `serverUrl`.
   */
  publicUrl?: string;
  /** Where the supplier posts order results. Default `<publicUrl>/callbacks/card-platform`. */
  notifyUrl?: string;
  /** Flow variables to override in every loaded flow, e.g. `{callbackTimeoutMs: 500}` in tests. */
  variables?: Record<string, Json>;
  /** Which flows to load; default all of {@link EXAMPLE_FLOW_IDS}. */
  flows?: readonly ExampleFlowId[];
}

/** What {@link loadExamples} set up. */
export interface LoadedExamples {
  credentialId: string;
  notifyUrl: string;
  flows: DeployedFlow[];
}

/**
 * Creates (or updates) the `sandbox` card-platform credential, then saves, versions and deploys each
 * example flow with its `notifyUrl` variable pointing at this server. Safe to call again: unchanged
 * flows keep their deployed version.
 */
export async function loadExamples(options: LoadExamplesOptions): Promise<LoadedExamples> {
  const api = createJunctionClient(options);
  const publicUrl = (options.publicUrl ?? options.serverUrl).replace(/\/+$/, '');
  const notifyUrl = options.notifyUrl ?? `${publicUrl}/callbacks/${CARD_PLATFORM_CHANNEL}`;
  await upsertSandboxCredential(api, options.sandbox);
  const flows: DeployedFlow[] = [];
  for (const id of options.flows ?? EXAMPLE_FLOW_IDS) {
    const flow = withVariables(readExampleFlow(id), { notifyUrl, ...options.variables });
    flows.push(await deployFlow(api, flow));
  }
  return { credentialId: SANDBOX_CREDENTIAL_ID, notifyUrl, flows };
}

/**
 * A copy of `flow` with the given variables replaced. Only variables the flow declares are touched,
 * so one override set can be applied to every example.
 */
export function withVariables(flow: FlowDocument, overrides: Record<string, Json>): FlowDocument {
  const declared = flow.settings?.variables;
  if (!declared) return flow;
  const variables = { ...declared };
  for (const [name, value] of Object.entries(overrides)) {
    if (Object.hasOwn(declared, name)) variables[name] = value;
  }
  return { ...flow, settings: { ...flow.settings, variables } };
}
