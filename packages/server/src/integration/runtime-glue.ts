/**
 * The one place where the server touches APIs of @junction/nodes that were still landing while the
 * server was written. Each is looked up by name and typed here, so a missing export fails with a
 * clear `JX_RUNTIME_UNAVAILABLE` error instead of a broken import.
 */
import * as nodes from '@junction/nodes';
import {
  type CredentialKindLookup,
  type FlowNode,
  type Json,
  JunctionError,
  type NodeRegistry,
  type ResolvedCredential,
  validateFlow as runtimeValidateFlow,
  type SqliteRunStore,
  type ValidationProblem,
} from '@junction/runtime';

export type { SqliteRunStore, ValidationProblem };

/** A credential kind as the nodes package describes it. */
export interface CredentialKindDescriptor {
  kind: string;
  title?: string;
  schema?: { properties?: Record<string, { 'x-secret'?: boolean } & Record<string, unknown>> };
  [key: string]: unknown;
}

/** The callback settings of one `callback.await` node. */
export interface CallbackAwaitDescription {
  channel: string;
  keyPath: string;
  ack: Json;
  credentialId?: string;
  [key: string]: unknown;
}

/** Result of verifying an incoming webhook or callback. */
export type VerifyResult = { ok: true } | { ok: false; code: string; reason: string };

/** What `verifyIncoming` is given. */
export interface IncomingMessage {
  headers?: Record<string, string | string[] | undefined>;
  query?: Record<string, string>;
  body?: Json;
  rawBody?: string;
}

const nd = nodes as unknown as Record<string, unknown>;

function need<T>(module: Record<string, unknown>, name: string, pkg: string): T {
  const value = module[name];
  if (value === undefined) {
    throw new JunctionError(
      'JX_RUNTIME_UNAVAILABLE',
      `${pkg} does not export ${name} yet; update the workspace to a version that has it.`,
      { name, pkg },
    );
  }
  return value as T;
}

/** Validates a flow document against the schema, the registry and the stored credentials' kinds. */
export function validateFlow(
  document: unknown,
  registry: NodeRegistry,
  credentialKind?: CredentialKindLookup,
): ValidationProblem[] {
  return runtimeValidateFlow(document, registry, credentialKind ? { credentialKind } : {});
}

/** The built-in node registry. */
export function createBuiltinRegistry(): NodeRegistry {
  return nodes.createBuiltinRegistry();
}

/** Credential kind descriptors for the editor and the vault. */
export function credentialKinds(): CredentialKindDescriptor[] {
  const kinds = nd.credentialKinds as
    | CredentialKindDescriptor[]
    | Record<string, CredentialKindDescriptor>
    | undefined;
  if (!kinds) return [];
  return Array.isArray(kinds)
    ? kinds
    : Object.entries(kinds).map(([kind, d]) => ({ ...d, kind: d.kind ?? kind }));
}

/** Names of the secret fields of a kind, or undefined when the kind is unknown. */
export function secretFieldsOf(kind: string): string[] | undefined {
  const descriptor = credentialKinds().find((k) => k.kind === kind);
  if (!descriptor) return undefined;
  const properties =
    descriptor.schema?.properties ?? (descriptor.properties as Record<string, { 'x-secret'?: boolean }>);
  return Object.entries(properties ?? {})
    .filter(([, schema]) => schema?.['x-secret'] === true)
    .map(([name]) => name);
}

/** The callback settings of an await node, or undefined for other nodes. */
export function describeCallbackAwait(node: FlowNode): CallbackAwaitDescription | undefined {
  const describe = nd.describeCallbackAwait as
    | ((n: FlowNode) => CallbackAwaitDescription | undefined)
    | undefined;
  return describe?.(node);
}

/** Verifies an incoming webhook or callback with a credential; `reason` never holds a secret. */
export function verifyIncoming(credential: ResolvedCredential, message: IncomingMessage): VerifyResult {
  const verify = need<(c: ResolvedCredential, m: IncomingMessage) => VerifyResult>(
    nd,
    'verifyIncoming',
    '@junction/nodes',
  );
  return verify(credential, message);
}

/** The next fire times of a `trigger.schedule` config after `from`. */
export function nextScheduleTimes(config: Record<string, Json>, from: number, count: number): number[] {
  const next = need<(c: unknown, f: number, n: number) => (number | Date)[]>(
    nd,
    'nextScheduleTimes',
    '@junction/nodes',
  );
  return next(config, from, count).map((t) => (typeof t === 'number' ? t : t.getTime()));
}
