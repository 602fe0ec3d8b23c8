/**
 * The server's view of @junction/runtime and @junction/nodes: the few calls it makes, adapted to
 * the shapes the server wants (key names, defaults). Kept in one file so a change in either package
 * is absorbed here.
 */
import {
  type BuiltinRegistryOptions,
  bindEgressPolicy,
  credentialKinds as builtinCredentialKinds,
  type CallbackAwaitDescription,
  type CredentialKindDescriptor,
  createEgressPolicy,
  createBuiltinRegistry as createNodesRegistry,
  describeCallbackAwait as describeAwait,
  type EgressPolicy,
  type IncomingMessage,
  nextScheduleTimes as nextTimes,
  credentialProblems as nodesCredentialProblems,
  previewSignature as nodesPreviewSignature,
  type OutgoingRequest,
  readKeyPath,
  redactHeaders,
  type ScheduleTiming,
  type SignaturePreview,
  secretVariants,
  type VerifyResult,
  verifyIncoming as verify,
} from '@junction/nodes';
import {
  type CredentialKindLookup,
  type FlowNode,
  type Json,
  type NodeRegistry,
  type ResolvedCredential,
  validateFlow as runtimeValidateFlow,
  type SqliteRunStore,
  type ValidationProblem,
} from '@junction/runtime';

export type {
  CallbackAwaitDescription,
  CredentialKindDescriptor,
  EgressPolicy,
  IncomingMessage,
  SqliteRunStore,
  ValidationProblem,
  VerifyResult,
};
/** Secret strings (and derived forms such as Basic's base64) the engine masks in journals. */
/** The correlation key at a callback.await node's `keyPath` of a callback body. */
/** Egress policies: where nodes' outbound requests may go (see `server/server-egress.ts`). */
export { bindEgressPolicy, createEgressPolicy, readKeyPath, redactHeaders, secretVariants };

/** Validates a flow document against the schema, the registry and the stored credentials' kinds. */
export function validateFlow(
  document: unknown,
  registry: NodeRegistry,
  credentialKind?: CredentialKindLookup,
): ValidationProblem[] {
  return runtimeValidateFlow(document, registry, credentialKind ? { credentialKind } : {});
}

/** The built-in node registry (under `options.egress`, else the strict default policy). */
export function createBuiltinRegistry(options: BuiltinRegistryOptions = {}): NodeRegistry {
  return createNodesRegistry(options);
}

/** Credential kind descriptors for the editor and the vault. */
export function credentialKinds(): CredentialKindDescriptor[] {
  return builtinCredentialKinds;
}

/** What a credential kind's schema cannot say about its data (a signing recipe that cannot be evaluated). */
export function credentialProblems(
  kind: string,
  data: Record<string, Json>,
): { pointer: string; message: string }[] {
  return nodesCredentialProblems(kind, data);
}

/** Signs a sample request with a credential's recipe, nothing sent; secrets masked in the result. */
export function previewSignature(
  credential: ResolvedCredential,
  request: OutgoingRequest,
  options: { now?: number; expected?: string },
): Promise<SignaturePreview> {
  return nodesPreviewSignature(credential, request, options);
}

/** Names of the secret fields (`x-secret`) of a kind, or undefined when the kind is unknown. */
export function secretFieldsOf(kind: string): string[] | undefined {
  const descriptor = builtinCredentialKinds.find((k) => k.kind === kind);
  if (!descriptor) return undefined;
  const properties = (descriptor.schema.properties ?? {}) as Record<string, { 'x-secret'?: boolean }>;
  return Object.entries(properties)
    .filter(([, schema]) => schema?.['x-secret'] === true)
    .map(([name]) => name);
}

/** The callback settings of an await node, or undefined for other nodes. */
export function describeCallbackAwait(node: FlowNode): CallbackAwaitDescription | undefined {
  return describeAwait(node);
}

/** Verifies an incoming webhook or callback with a credential; `reason` never holds a secret. */
export function verifyIncoming(
  credential: ResolvedCredential,
  message: IncomingMessage,
): Promise<VerifyResult> {
  return verify(credential, message);
}

/** The next fire times (epoch ms) of a `trigger.schedule` config after `from`. */
export function nextScheduleTimes(config: Record<string, Json>, from: number, count: number): number[] {
  return nextTimes(config as unknown as ScheduleTiming, from, count).map((t) => t.getTime());
}
