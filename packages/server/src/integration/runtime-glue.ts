/**
 * The one place where the server touches APIs of @junction/runtime and @junction/nodes that were
 * still landing while the server was written. Each is looked up by name and typed here, so a
 * missing export fails with a clear `JX_*_UNAVAILABLE` error instead of a broken import.
 */
import * as nodes from '@junction/nodes';
import * as runtime from '@junction/runtime';
import {
  type Engine,
  type EngineOptions,
  type FlowDocument,
  type FlowNode,
  type Json,
  JunctionError,
  type NodeRegistry,
  type RunStore,
} from '@junction/runtime';
import type { Database } from 'better-sqlite3';

/** One problem found by flow validation (runtime's `ValidationProblem`). */
export interface ValidationProblem {
  code: string;
  pointer: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

/** The SQLite run store; its database handle also holds the server's own tables. */
export type SqliteRunStore = RunStore & { database: Database };

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

const rt = runtime as unknown as Record<string, unknown>;
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

/** Creates the engine. */
export function createEngine(options: EngineOptions): Engine {
  return need<(o: EngineOptions) => Engine>(rt, 'createEngine', '@junction/runtime')(options);
}

/** Opens the SQLite run store at `path`. */
export function createSqliteStore(path: string): SqliteRunStore {
  return need<(o: { path: string }) => SqliteRunStore>(
    rt,
    'createSqliteStore',
    '@junction/runtime',
  )({ path });
}

/** True once the runtime exports what running flows needs. */
export function engineAvailable(): boolean {
  return typeof rt.createEngine === 'function' && typeof rt.createSqliteStore === 'function';
}

/** Validates a flow document against the schema and the registry; returns every problem. */
export function validateFlow(document: unknown, registry: NodeRegistry): ValidationProblem[] {
  const validate = rt.validateFlow as
    | ((d: unknown, o?: unknown) => ValidationProblem[] | { problems: ValidationProblem[] })
    | undefined;
  if (!validate) return minimalProblems(document);
  const result = validate(document, { registry });
  return Array.isArray(result) ? result : result.problems;
}

/** Deterministic JSON of a flow (the runtime's serialiser when present). */
export function serializeFlow(document: FlowDocument): string {
  const serialize = rt.serializeFlow as ((d: FlowDocument) => string) | undefined;
  return serialize ? serialize(document) : `${JSON.stringify(document, null, 2)}\n`;
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
export function verifyIncoming(
  credential: runtime.ResolvedCredential,
  message: IncomingMessage,
): VerifyResult {
  const verify = need<(c: runtime.ResolvedCredential, m: IncomingMessage) => VerifyResult>(
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

/** Structural checks used only while the runtime's validator is not available. */
function minimalProblems(document: unknown): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const doc = document as Partial<FlowDocument> | null;
  const add = (pointer: string, message: string) =>
    problems.push({ code: 'JX_FLOW_SCHEMA', pointer, message });
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    add('', 'The flow must be a JSON object.');
    return problems;
  }
  if (doc.schemaVersion !== 1) add('/schemaVersion', 'schemaVersion must be 1.');
  if (typeof doc.id !== 'string' || !/^[a-z0-9][a-z0-9-_]*$/i.test(doc.id)) add('/id', 'id must be a slug.');
  if (typeof doc.name !== 'string') add('/name', 'name must be a string.');
  if (!Array.isArray(doc.nodes)) add('/nodes', 'nodes must be an array.');
  if (!Array.isArray(doc.edges)) add('/edges', 'edges must be an array.');
  return problems;
}
