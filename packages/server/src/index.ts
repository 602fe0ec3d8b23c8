// Public entry point of @junction/server. Explicit named exports only.

export type { AlertSettings } from './alerts/alert-service.ts';
export { AlertService } from './alerts/alert-service.ts';
export type {
  AlertEvent,
  AlertRule,
  ChannelInput,
  ChannelView,
  RuleInput,
  RuleKind,
} from './alerts/alert-types.ts';
export { CHANNEL_KINDS, RULE_KINDS } from './alerts/alert-types.ts';
export { dingTalkSign } from './alerts/sign-dingtalk.ts';
export { feishuSign } from './alerts/sign-feishu.ts';
export { webhookSignature } from './alerts/sign-webhook.ts';
export type { RouteInfo } from './app/build-app.ts';
export type { ErrorBody } from './app/error-handler.ts';
export type { AuditAction } from './audit/audit-actions.ts';
export { AUDIT_ACTIONS } from './audit/audit-actions.ts';
export type { AuditFilter, AuditRecord } from './audit/list-audit.ts';
export { listAudit } from './audit/list-audit.ts';
export type { AuditDetailValue, AuditEntry } from './audit/record-audit.ts';
export { auditActor, auditStatement, recordAudit } from './audit/record-audit.ts';
export type { RouteAccess, Scope } from './auth/scopes.ts';
export { SCOPES } from './auth/scopes.ts';
export type { CallbackOutcome, CallbackRecord } from './callbacks/callback-log.ts';
export type { CliIo } from './cli/cli-io.ts';
export { EXIT } from './cli/cli-io.ts';
export { main } from './cli/main.ts';
export type { CanaryReport, VersionFigures } from './deploy/canary-report.ts';
export { canaryReport } from './deploy/canary-report.ts';
export type { RouteDecision } from './deploy/canary-routing.ts';
export { routeVersion, routingBucket } from './deploy/canary-routing.ts';
export type { DeploymentEvent } from './deploy/deployment-history.ts';
export type { CanaryConfig, Deployment } from './deploy/deployment-repository.ts';
export { applyEnvironment } from './environments/apply-environment.ts';
export { DEFAULT_ENVIRONMENT, TEST_RUN_ENVIRONMENT } from './environments/environment-names.ts';
export type { Environment, EnvironmentPatch } from './environments/environment-repository.ts';
export type { EarlyArrival } from './flow-tests/case-from-run.ts';
export { caseFromRun } from './flow-tests/case-from-run.ts';
export type { ExpectationFailure } from './flow-tests/check-expectations.ts';
export type { DataDirCredentials } from './flow-tests/data-dir-credentials.ts';
export { openDataDirCredentials } from './flow-tests/data-dir-credentials.ts';
export type { GateResult } from './flow-tests/deploy-gate.ts';
export type { StoredFlowTests, VersionTestSummary } from './flow-tests/flow-test-repository.ts';
export { junitReport } from './flow-tests/junit-report.ts';
export type { TestFileProblem } from './flow-tests/read-test-file.ts';
export { parseTestFile } from './flow-tests/read-test-file.ts';
export type { ServerTestRequest, ServerTestResult } from './flow-tests/run-server-tests.ts';
export type { CaseEnvironment, CaseResult } from './flow-tests/run-test-case.ts';
export { runTestCase } from './flow-tests/run-test-case.ts';
export type { TestFileResult } from './flow-tests/run-test-file.ts';
export { flowPathOf, runTestFile, runTests } from './flow-tests/run-test-file.ts';
export { FLOW_TESTS_SCHEMA } from './flow-tests/test-file-schema.ts';
export type {
  CallbackDelivery,
  CaseExpectations,
  FlowTestCase,
  FlowTestFile,
  MockError,
  NodeExpectation,
  NodeMock,
  ValueCheck,
} from './flow-tests/test-file-types.ts';
export { textReport } from './flow-tests/text-report.ts';
export type { OpenApiDocument } from './openapi/install-openapi.ts';
export type { PurgeOptions, PurgeReport, PurgeTarget } from './retention/purge-runner.ts';
export { purgeNow } from './retention/purge-runner.ts';
export type {
  EffectiveRetention,
  FlowRetentionPolicy,
  RetentionPolicy,
} from './retention/retention-policies.ts';
export { effectiveRetention, RetentionPolicyRepository } from './retention/retention-policies.ts';
export { RetentionService } from './retention/retention-service.ts';
export type { RetentionFlags, RetentionSettings } from './retention/retention-settings.ts';
export { DEFAULT_RETENTION, retentionSettingsFrom } from './retention/retention-settings.ts';
export type { BulkRetryResult, RetryFilter } from './runs/bulk-retry.ts';
export { bulkRetry } from './runs/bulk-retry.ts';
export { findRunsByKey } from './runs/find-runs-by-key.ts';
export type { ReplayOptions } from './runs/replay-request.ts';
export { retryRun } from './runs/retry-run.ts';
export type { NodeRunSummary } from './runs/summarize-journal.ts';
export type { RunningServer, ServerOptions } from './server/server-options.ts';
export { startServer } from './server/start-server.ts';
export type { CredentialView } from './vault/credential-vault.ts';
export type { RotationResult } from './vault/rotate-master-key.ts';
export { rotateMasterKey } from './vault/rotate-master-key.ts';
