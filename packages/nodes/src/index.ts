// Public entry point of @junction/nodes.

// nodes-control: triggers, transform, control flow, utility
export type { CallConfig } from './control/call/v1.ts';
export { callNode } from './control/call/v1.ts';
export type { DelayConfig } from './control/delay/v1.ts';
export { delayNode } from './control/delay/v1.ts';
export type { FailConfig } from './control/fail/v1.ts';
export { failNode, userErrorCode } from './control/fail/v1.ts';
export type { ForEachConfig, ForEachFailure } from './control/for-each/v1.ts';
export { forEachNode } from './control/for-each/v1.ts';
export type { IfConfig } from './control/if/v1.ts';
export { ifNode } from './control/if/v1.ts';
export type { MergeConfig } from './control/merge/v1.ts';
export { mergeNode } from './control/merge/v1.ts';
export type { PollConfig } from './control/poll/v1.ts';
export { pollNode } from './control/poll/v1.ts';
export type { RespondConfig } from './control/respond/v1.ts';
export { respondNode } from './control/respond/v1.ts';
export type { SwitchCase } from './control/switch/switch-ports.ts';
export type { SwitchConfig } from './control/switch/v1.ts';
export { switchNode } from './control/switch/v1.ts';
export { renderNodeReference } from './docs/render-node-reference.ts';
export { builtinNodes } from './registry/builtin-nodes.ts';
export { controlNodes } from './registry/control-nodes.ts';
export { createBuiltinRegistry } from './registry/create-builtin-registry.ts';
export type { TestContextRecorder } from './testing/create-test-context.ts';
export { createTestContext } from './testing/create-test-context.ts';
export type { MapConfig } from './transform/map/v1.ts';
export { mapNode } from './transform/map/v1.ts';
export type { SetConfig, SetOperation } from './transform/set/v1.ts';
export { setNode } from './transform/set/v1.ts';
export type { ManualTriggerConfig } from './triggers/manual/v1.ts';
export { manualTrigger } from './triggers/manual/v1.ts';
export type { ScheduleTiming } from './triggers/schedule/next-schedule-times.ts';
export { checkScheduleConfig, nextScheduleTimes } from './triggers/schedule/next-schedule-times.ts';
export type { ScheduleTriggerConfig } from './triggers/schedule/v1.ts';
export { scheduleTrigger } from './triggers/schedule/v1.ts';
export type {
  WebhookResponseMode,
  WebhookTriggerConfig,
  WebhookVerification,
} from './triggers/webhook/v1.ts';
export { webhookSettings, webhookTrigger } from './triggers/webhook/v1.ts';
export type { CacheConfig } from './utility/cache/v1.ts';
export { cacheNode } from './utility/cache/v1.ts';
export type { DebugLogConfig } from './utility/debug-log/v1.ts';
export { debugLogNode } from './utility/debug-log/v1.ts';
export type { RateLimitConfig } from './utility/rate-limit/v1.ts';
export { rateLimitNode } from './utility/rate-limit/v1.ts';
