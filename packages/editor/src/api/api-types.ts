import type { FlowDocument, Json, JsonSchema, NodeTypeDescriptor } from '../document/flow-types.ts';
import type { ValidationProblem } from '../validation/problem.ts';

export type { EngineEvent, ErrorInfo, JournalEntry, RunRecord, RunStatus } from '@junction/runtime';
export type {
  CaseResult,
  ExpectationFailure,
  FlowTestCase,
  FlowTestFile,
  FlowTestsResponse,
  RunFlowTestsRequest,
  RunFlowTestsResponse,
} from './flow-test-types.ts';

/** A credential kind the server knows: a JSON Schema of its fields; secret ones carry `"x-secret": true`. */
export interface CredentialKindDescriptor {
  kind: string;
  title?: string;
  description?: string;
  schema?: JsonSchema;
}

/** `GET /api/node-types`. */
export interface NodeTypesResponse {
  nodeTypes: NodeTypeDescriptor[];
  credentialKinds: CredentialKindDescriptor[];
}

/** A credential as listed by the server: secrets are never sent, only their names. */
export interface CredentialSummary {
  id: string;
  name: string;
  kind: string;
  allowedHosts: string[];
  fields: Record<string, Json>;
  secretFields: string[];
  createdAt: number | string;
  updatedAt: number | string;
}

/** The current deployment of a flow. */
export interface Deployment {
  version: number;
  canary?: { version: number; percent: number; match?: string; routingKey?: string };
  previous?: number;
  deployedAt: number | string;
}

/** One row of `GET /api/flows`. */
export interface FlowSummary {
  id: string;
  name: string;
  description?: string;
  updatedAt: number | string;
  latestVersion: number | null;
  deployment: Deployment | null;
}

/** `GET /api/flows/:id`. */
export interface FlowResponse {
  flow: FlowDocument;
  updatedAt: number | string;
  latestVersion: number | null;
  deployment: Deployment | null;
}

/** `POST /api/flows/:id/validate`. */
export interface ValidateResponse {
  problems: ValidationProblem[];
}

/** Per-node detail of `GET /api/runs/:id`. */
export interface RunNodeDetail {
  nodeId: string;
  status: string;
  input?: Json;
  output?: Json;
  error?: { code: string; message: string; details?: Record<string, unknown> };
  attempts?: number;
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  wait?: { channel: string; key: string; deadline?: number };
  /** Callbacks noted but not accepted by the wait's condition (`until`), oldest first. */
  noted?: { at: number; payload: Json }[];
}

/** Node figures over one sliding window of `GET /api/stats`. */
export interface StatsWindow {
  calls: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** `GET /api/stats`. */
export interface StatsResponse {
  flows: Array<{
    flowId: string;
    version: number | null;
    runs: Record<string, number>;
    nodes: Array<{
      nodeId: string;
      type: string;
      calls: number;
      errors: number;
      p50: number | null;
      p95: number | null;
      p99: number | null;
      /** Sliding windows (older servers omit them). */
      windows?: Record<'5m' | '1h', StatsWindow>;
    }>;
  }>;
  callbacks: Record<string, number>;
  errors: Array<{
    runId: string;
    flowId: string;
    version: number | null;
    nodeId?: string;
    code: string;
    message: string;
    at: number | string;
  }>;
}

/** The sample request the signature workbench signs (nothing is sent to it). */
export interface SignatureSampleRequest {
  method: string;
  url: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** A JSON body, signed field by field (sent as a form when `form` is set). */
  body?: Json;
  /** The body as text, signed byte for byte. */
  rawBody?: string;
  form?: boolean;
}

/**
 * Body of `POST /api/credentials/preview-signature`: a saved credential (`data` then overrides its
 * fields; secrets left out keep their saved value) or, without `credentialId`, a credential of `kind`
 * made of `data` alone.
 */
export interface SignaturePreviewRequest {
  credentialId?: string;
  kind?: 'signature' | 'card-platform';
  data?: Record<string, Json>;
  request: SignatureSampleRequest;
  /** The signature the supplier's documentation shows. */
  expected?: string;
  /** The clock for generated timestamps (epoch ms). */
  now?: number;
}

/** `POST /api/credentials/preview-signature`: what was signed and the result; never a secret. */
export interface SignaturePreview {
  /** The string that was signed, every secret written as `{secret}`. */
  canonical: string;
  signature: string;
  /** The request as it would be sent, secrets masked. */
  wire: { method: string; url: string; headers: Record<string, string>; body?: string };
  /** Only when an expected signature was given. */
  matches?: boolean;
  /** Index of the first character where the computed and the expected signature differ. */
  firstDifference?: number;
}
