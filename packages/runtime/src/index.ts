// Public entry point of @junction/runtime. Explicit named exports only.

export type {
  CredentialResolver,
  Engine,
  EngineEvent,
  EngineOptions,
  FlowResolver,
  RunHandle,
  RunResult,
  StartRunOptions,
} from './engine/engine-types.ts';
export type { ErrorInfo } from './errors/junction-error.ts';
export { JunctionError, toErrorInfo } from './errors/junction-error.ts';
export type {
  FlowDocument,
  FlowEdge,
  FlowNode,
  FlowSettings,
  OnError,
  PortRef,
  RetryPolicy,
} from './flow/flow-types.ts';
export type { Json, JsonObject } from './flow/json.ts';
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
  NodeTypeDefinition,
  NodeTypeDescriptor,
} from './node/node-type.ts';
export { defineNode } from './node/node-type.ts';
export { NodeRegistry, portsOf } from './node/registry.ts';
export { createMemoryStore } from './store/memory-store.ts';
export type {
  DeliveryOutcome,
  JournalEntry,
  JournalEntryType,
  RegisterWaitOutcome,
  RunFilter,
  RunRecord,
  RunStatus,
  TimerRecord,
  WaitRecord,
} from './store/run-records.ts';
export type { RunStore } from './store/run-store.ts';
