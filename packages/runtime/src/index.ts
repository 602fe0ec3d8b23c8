// Public entry point of @junction/runtime. Explicit named exports only.

export { createEngine } from './engine/create-engine.ts';
export { childRunIdOf, idempotencyKeyOf, newRunId } from './engine/deterministic-ids.ts';
export type {
  CredentialResolver,
  Engine,
  EngineEvent,
  EngineOptions,
  FlowResolver,
  RunHandle,
  RunResult,
  SecretVariants,
  StartRunOptions,
} from './engine/engine-types.ts';
export { DEFAULT_MAX_OUTPUT_BYTES } from './engine/output-cap.ts';
export { retryDelay } from './engine/retry-delay.ts';
export { SUBFLOW_CHANNEL } from './engine/run-subflow.ts';
export { REDACTED } from './engine/secret-masker.ts';
export { timeOrderedId } from './engine/time-ordered-id.ts';
export type { ErrorInfo } from './errors/junction-error.ts';
export { JunctionError, toErrorInfo } from './errors/junction-error.ts';
export type { CompiledExpression, ExpressionLimits } from './expression/compile-expression.ts';
export {
  compileExpression,
  DEFAULT_EXPRESSION_LIMITS,
  expressionCacheSize,
  getExpressionLimits,
  setExpressionLimits,
} from './expression/compile-expression.ts';
export { evaluateExpression } from './expression/evaluate-expression.ts';
export type { ExpressionBindings } from './expression/expression-bindings.ts';
export { assertSafeBindings } from './expression/expression-bindings.ts';
export type { ExpressionSite } from './expression/expression-error.ts';
export { expressionBody, isExpression } from './expression/is-expression.ts';
export type { ExpressionLocation } from './expression/list-expressions.ts';
export { listExpressions } from './expression/list-expressions.ts';
export type { ResolveConfigOptions } from './expression/resolve-config.ts';
export { hasExpressions, resolveConfig } from './expression/resolve-config.ts';
export { toJson } from './expression/to-json.ts';
export { FLOW_SCHEMA_ID, flowSchema, NODE_TYPE_PATTERN, SLUG_PATTERN } from './flow/flow-schema.ts';
export type {
  FlowDocument,
  FlowEdge,
  FlowNode,
  FlowSettings,
  OnError,
  PortRef,
  RetryPolicy,
} from './flow/flow-types.ts';
export { hashFlow } from './flow/hash-flow.ts';
export type { Json, JsonObject } from './flow/json.ts';
export type { PathSegment } from './flow/json-pointer.ts';
export { joinPointer, parsePointer, toPointer, valueAtPointer } from './flow/json-pointer.ts';
export { parseFlow } from './flow/parse-flow.ts';
export { serializeFlow } from './flow/serialize-flow.ts';
export type {
  NodeContext,
  NodeKeyValue,
  NodeLogger,
  ResolvedCredential,
  RunInfo,
  SubflowRef,
  SubflowResult,
  WebhookResponse,
} from './node/node-context.ts';
export type {
  NodeOutputs,
  NodeResult,
  ResumeReason,
  SleepSuspension,
  Suspension,
  WaitSuspension,
} from './node/node-result.ts';
export { isSuspension, SUSPENSION, sleepUntil, waitFor } from './node/node-result.ts';
export type {
  CredentialSlot,
  JsonSchema,
  NodeCategory,
  NodePorts,
  NodeReadiness,
  NodeTypeDefinition,
  NodeTypeDescriptor,
} from './node/node-type.ts';
export { defineNode } from './node/node-type.ts';
export { NodeRegistry, portsOf } from './node/registry.ts';
export { createMemoryStore } from './store/memory-store.ts';
export type { PostgresRunStore, PostgresStoreOptions } from './store/postgres/postgres-store.ts';
export { createPostgresStore } from './store/postgres/postgres-store.ts';
export type {
  DeliveryOutcome,
  JournalEntry,
  JournalEntryType,
  PendingResume,
  RegisterWaitOutcome,
  RunFilter,
  RunRecord,
  RunStatus,
  TimerRecord,
  WaitRecord,
} from './store/run-records.ts';
export type { RunStore } from './store/run-store.ts';
export type { SqliteRunStore, SqliteStoreOptions } from './store/sqlite/sqlite-store.ts';
export { createSqliteStore } from './store/sqlite/sqlite-store.ts';
export type { CredentialKindLookup } from './validation/check-credentials.ts';
export type { ValidateFlowOptions } from './validation/validate-flow.ts';
export { validateFlow } from './validation/validate-flow.ts';
export type { ValidationCode, ValidationProblem } from './validation/validation-problem.ts';
export { VALIDATION_CODES } from './validation/validation-problem.ts';
