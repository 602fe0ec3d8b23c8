// Browser entry of @junction/runtime (`@junction/runtime/browser`), used by the editor.
// Only modules that import nothing from node:* or native drivers belong here; the test
// `browser.test.ts` enforces it.

export type { ErrorInfo } from './errors/junction-error.ts';
export { JunctionError, toErrorInfo } from './errors/junction-error.ts';
export type {
  CompiledExpression,
  ExpressionBounds,
  ExpressionLimits,
} from './expression/compile-expression.ts';
export {
  compileExpression,
  DEFAULT_EXPRESSION_LIMITS,
  getExpressionLimits,
  setExpressionLimits,
} from './expression/compile-expression.ts';
export { evaluateExpression } from './expression/evaluate-expression.ts';
export type { ExpressionBindings } from './expression/expression-bindings.ts';
export type { ExpressionSite } from './expression/expression-error.ts';
export { expressionBody, isExpression } from './expression/is-expression.ts';
export type { ExpressionLocation } from './expression/list-expressions.ts';
export { listExpressions } from './expression/list-expressions.ts';
export type { ExpressionLimitOverrides } from './expression/lower-limits.ts';
export { lowerLimits } from './expression/lower-limits.ts';
export type { ResolveConfigOptions } from './expression/resolve-config.ts';
export { resolveConfig } from './expression/resolve-config.ts';
export { toJson } from './expression/to-json.ts';
export { FLOW_SCHEMA_ID, flowSchema, NODE_TYPE_PATTERN, SLUG_PATTERN } from './flow/flow-schema.ts';
export type {
  FlowDocument,
  FlowEdge,
  FlowNode,
  FlowSettings,
  NodeExpressionLimits,
  OnError,
  PortRef,
  RetryPolicy,
} from './flow/flow-types.ts';
export type { Json, JsonObject } from './flow/json.ts';
export type { PathSegment } from './flow/json-pointer.ts';
export { joinPointer, parsePointer, toPointer, valueAtPointer } from './flow/json-pointer.ts';
export { parseFlow } from './flow/parse-flow.ts';
export { serializeFlow } from './flow/serialize-flow.ts';
export type { DescriptorCatalogue, DescriptorTexts, FieldTexts } from './i18n/descriptor-texts.ts';
export type { ErrorCatalogue, ErrorLocale } from './i18n/error-catalogue.ts';
export type { SentenceValues } from './i18n/fill-sentence.ts';
export { fillSentence, placeholdersOf } from './i18n/fill-sentence.ts';
export { loadErrorCatalogue } from './i18n/load-error-catalogue.ts';
export {
  localizeCredentialKind,
  localizeNodeType,
  localizeSchema,
  mapFields,
  mergeCatalogues,
  nodeTexts,
} from './i18n/localize-descriptor.ts';
export type { SchemaError } from './i18n/localize-error.ts';
export { localizeError } from './i18n/localize-error.ts';
export { missingTexts } from './i18n/missing-texts.ts';
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
export {
  containsSealed,
  isSealed,
  mapStrings,
  maskSealed,
  SEALED_ERASED,
  SEALED_MASK,
  SEALED_PREFIX,
} from './sealing/sealed-value.ts';
export type { SensitivePath } from './sealing/sensitive-paths.ts';
export { collectSensitive, compileSensitivePaths } from './sealing/sensitive-paths.ts';
export type { ValueSealer } from './sealing/value-sealer.ts';
export { openSealed, openString, sealString } from './sealing/value-sealer.ts';
export type { CredentialKindLookup } from './validation/check-credentials.ts';
export type { ValidatorModuleLoader } from './validation/compiled-validators.ts';
export { compiledValidator, installCompiledValidators } from './validation/compiled-validators.ts';
export type { ValidateFlowOptions } from './validation/validate-flow.ts';
export { validateFlow } from './validation/validate-flow.ts';
export type { ValidationCode, ValidationProblem } from './validation/validation-problem.ts';
export { VALIDATION_CODES } from './validation/validation-problem.ts';
