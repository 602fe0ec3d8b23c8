// Public entry point of @junction/examples: the card-platform example flows and their loader.

export type { DeployedFlow } from './deploy-flow.ts';
export { deployFlow } from './deploy-flow.ts';
export type { ExampleFlowId } from './example-flows.ts';
export {
  CARD_PLATFORM_CHANNEL,
  EXAMPLE_FLOW_IDS,
  exampleFlowPath,
  readExampleFlow,
  SANDBOX_CREDENTIAL_ID,
} from './example-flows.ts';
export type { JunctionClient, JunctionClientOptions } from './junction-client.ts';
export { createJunctionClient } from './junction-client.ts';
export type { LoadExamplesOptions, LoadedExamples, SandboxAccount } from './load-examples.ts';
export { loadExamples, withVariables } from './load-examples.ts';
export type { CardPlatformAccount } from './sandbox-credential.ts';
export { upsertSandboxCredential } from './sandbox-credential.ts';
