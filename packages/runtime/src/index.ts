// Public entry point of @junction/runtime. Everything browser-safe comes from the browser entry, so
// the two export lists cannot drift; this file adds what needs Node (engine, stores, hashing).

export * from './browser.ts';
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
  StrandedRepair,
} from './engine/engine-types.ts';
export { DEFAULT_MAX_OUTPUT_BYTES } from './engine/output-cap.ts';
export { queueRun } from './engine/queue-run.ts';
export type { ReopenedRun } from './engine/reopen-failed-run.ts';
export { reopenFailedRun } from './engine/reopen-failed-run.ts';
export { retryDelay } from './engine/retry-delay.ts';
export { SUBFLOW_CHANNEL } from './engine/run-subflow.ts';
export { REDACTED } from './engine/secret-masker.ts';
export { timeOrderedId } from './engine/time-ordered-id.ts';
export { expressionCacheSize } from './expression/compile-expression.ts';
export { assertSafeBindings } from './expression/expression-bindings.ts';
export { hasExpressions } from './expression/resolve-config.ts';
export { hashFlow } from './flow/hash-flow.ts';
export { errorCatalogues } from './i18n/error-catalogues.ts';
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
export { createMemoryStore } from './store/memory-store.ts';
export { isConnectionError, toStoreError } from './store/postgres/pg-errors.ts';
export type { PostgresRunStore, PostgresStoreOptions } from './store/postgres/postgres-store.ts';
export { createPostgresStore } from './store/postgres/postgres-store.ts';
export { compareNewestFirst, matchesRunFilter } from './store/run-filter.ts';
export type {
  CompactResult,
  ExpiredPurgeOptions,
  ExpiredPurgeResult,
  RunPurgeResult,
  RunPurgeSelection,
} from './store/run-purge.ts';
export { RUN_PURGE_BATCH } from './store/run-purge.ts';
export type {
  CallbackContext,
  DeliveryOutcome,
  JournalEntry,
  JournalEntryType,
  PendingResume,
  RegisterWaitOutcome,
  RunFilter,
  RunLease,
  RunRecord,
  RunStatus,
  TimerRecord,
  WaitRecord,
} from './store/run-records.ts';
export type { RunReopenEntry, RunReopenPatch, RunStore, RunStoreRetention } from './store/run-store.ts';
export type { SqliteRunStore, SqliteStoreOptions } from './store/sqlite/sqlite-store.ts';
export { createSqliteStore } from './store/sqlite/sqlite-store.ts';
export { isStoreUnavailable, storeUnavailableError } from './store/store-errors.ts';
export type { ValidatorModuleLoader } from './validation/compiled-validators.ts';
export { compiledValidator, installCompiledValidators } from './validation/compiled-validators.ts';
export { validatorModuleSource } from './validation/validator-module.ts';
