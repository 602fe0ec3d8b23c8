import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type FlowDocument, parseFlow } from '@junction/runtime';

/** Ids of the card-platform example flows, in the order they are loaded. */
export const EXAMPLE_FLOW_IDS = ['order-card', 'top-up', 'sync-products'] as const;

/** One of {@link EXAMPLE_FLOW_IDS}. */
export type ExampleFlowId = (typeof EXAMPLE_FLOW_IDS)[number];

/** The callback channel both order flows wait on; the supplier's notify URL is `/callbacks/<channel>`. */
export const CARD_PLATFORM_CHANNEL = 'card-platform';

/** The credential id the example flows use for the card platform. */
export const SANDBOX_CREDENTIAL_ID = 'sandbox';

/** Absolute path of an example flow file. */
export function exampleFlowPath(id: ExampleFlowId): string {
  return fileURLToPath(new URL(`../card-platform/${id}.json`, import.meta.url));
}

/** Reads and schema-checks an example flow (throws `JX_FLOW_INVALID` when the file is broken). */
export function readExampleFlow(id: ExampleFlowId): FlowDocument {
  return parseFlow(readFileSync(exampleFlowPath(id), 'utf8'));
}
