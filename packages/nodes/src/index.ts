// Public entry point of @junction/nodes.

// nodes-integration: credentials, http, card platform, callback, code
export type { CallbackAwaitDescription } from './callback/describe-callback-await.ts';
export { describeCallbackAwait } from './callback/describe-callback-await.ts';
export { readKeyPath } from './callback/key-path.ts';
export type { CallbackAwaitConfig } from './callback/v1.ts';
export { callbackAwaitNode } from './callback/v1.ts';
export { decryptCardField } from './card-platform/card-cipher.ts';
export type {
  BalanceConfig,
  CheckStockConfig,
  ListProductsConfig,
  ProductInfoConfig,
} from './card-platform/catalogue-nodes-v1.ts';
export {
  balanceNode,
  checkStockNode,
  listProductsNode,
  productInfoNode,
} from './card-platform/catalogue-nodes-v1.ts';
export { toCustomerOrderNo } from './card-platform/customer-order-no.ts';
export type { DecryptCardsConfig } from './card-platform/decrypt-cards-v1.ts';
export { decryptCardsNode } from './card-platform/decrypt-cards-v1.ts';
export type { GatewayCallOptions, GatewayClient } from './card-platform/gateway-client.ts';
export { createGatewayClient } from './card-platform/gateway-client.ts';
export type { CreateOrderConfig, QueryOrderConfig } from './card-platform/order-nodes-v1.ts';
export {
  createCardOrderNode,
  createDirectOrderNode,
  queryOrderNode,
} from './card-platform/order-nodes-v1.ts';
export { SUPPLIER_ERROR_TABLE } from './card-platform/supplier-errors.ts';
export type { CodeErrorCode, CodeErrorParams } from './code/code-errors.ts';
export { codeErrorMessages } from './code/code-errors.ts';
export type { CodeWorkerPool, CodeWorkerPoolOptions } from './code/code-worker-pool.ts';
export { createCodeWorkerPool } from './code/code-worker-pool.ts';
export { closeCodeWorkers, configureCodeWorkers } from './code/shared-code-workers.ts';
export type { CodeJsConfig } from './code/v1.ts';
export { codeJsNode } from './code/v1.ts';
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
export { mergeNodeV2 } from './control/merge/v2.ts';
export type { PollConfig } from './control/poll/v1.ts';
export { pollNode } from './control/poll/v1.ts';
export type { RespondConfig } from './control/respond/v1.ts';
export { respondNode } from './control/respond/v1.ts';
export type { SwitchCase } from './control/switch/switch-ports.ts';
export type { SwitchConfig } from './control/switch/v1.ts';
export { switchNode } from './control/switch/v1.ts';
export { isHostAllowed } from './credentials/allowed-hosts.ts';
export { credentialCharset } from './credentials/credential-charset.ts';
export type { CredentialKindDescriptor } from './credentials/credential-kinds.ts';
export { credentialKinds } from './credentials/credential-kinds.ts';
export type { OutgoingRequest, RequestBody, WireRequest } from './credentials/request-shape.ts';
export { secretVariants } from './credentials/secret-variants.ts';
export type { SignOptions } from './credentials/sign-request.ts';
export { signRequest } from './credentials/sign-request.ts';
export type { ComputedSignature } from './credentials/signature-engine.ts';
export { computeSignature } from './credentials/signature-engine.ts';
export type { AffixPart, SignatureSpec } from './credentials/signature-spec.ts';
export { cardPlatformSpec } from './credentials/signature-spec.ts';
export type { IncomingMessage, VerifyResult } from './credentials/verify-incoming.ts';
export { verifyIncoming } from './credentials/verify-incoming.ts';
export { renderNodeReference } from './docs/render-node-reference.ts';
export { inwardRange } from './http/egress/address-ranges.ts';
export type { EgressErrorCode, EgressErrorParams } from './http/egress/egress-errors.ts';
export { egressErrorMessages } from './http/egress/egress-errors.ts';
export type { EgressOptions, EgressPolicy } from './http/egress/egress-policy.ts';
export { createEgressPolicy } from './http/egress/egress-policy.ts';
export {
  bindEgressPolicy,
  currentEgressPolicy,
  runWithEgressPolicy,
  withEgressPolicy,
} from './http/egress/egress-scope.ts';
export type { SendOptions, WireResponse } from './http/http-transport.ts';
export type { HttpRequestConfig } from './http/request/v1.ts';
export { httpRequestNode } from './http/request/v1.ts';
export type { DescriptorLocale } from './i18n/node-catalogues.ts';
export { builtinCatalogues, descriptorLocale } from './i18n/node-catalogues.ts';
export { integrationNodes } from './integration-nodes.ts';
export { checkCipherChoice, checkPayloadCipher } from './payload-crypto/check-cipher.ts';
export type { CipherPreset } from './payload-crypto/cipher-presets.ts';
export { CIPHER_PRESETS, cipherPreset } from './payload-crypto/cipher-presets.ts';
export { PAYLOAD_CIPHER_SCHEMA } from './payload-crypto/cipher-schema.ts';
export type {
  CipherAlgorithm,
  CipherChoice,
  CipherEncoding,
  CipherIv,
  CipherMode,
  CipherPadding,
  CipherProblem,
  CipherTag,
  KeyDerivation,
  PayloadCipher,
} from './payload-crypto/cipher-types.ts';
export type { CompiledCipher, KeyedCipher } from './payload-crypto/compile-cipher.ts';
export { compileCipher, keyCipher } from './payload-crypto/compile-cipher.ts';
export type { DecryptedFields } from './payload-crypto/decrypt-fields.ts';
export { decryptFields } from './payload-crypto/decrypt-fields.ts';
export type { PayloadDecryptConfig } from './payload-crypto/decrypt-node-v1.ts';
export { payloadDecryptNode } from './payload-crypto/decrypt-node-v1.ts';
export { builtinNodes } from './registry/builtin-nodes.ts';
export { controlNodes } from './registry/control-nodes.ts';
export type { BuiltinRegistryOptions } from './registry/create-builtin-registry.ts';
export { createBuiltinRegistry } from './registry/create-builtin-registry.ts';
export type { CredentialProblem } from './signing/check-recipe.ts';
export { credentialProblems, recipeProblems } from './signing/check-recipe.ts';
export type { SigningPreset } from './signing/presets.ts';
export { SIGNING_PRESETS, signingPreset } from './signing/presets.ts';
export type { SignaturePreview } from './signing/preview-signature.ts';
export { previewSignature } from './signing/preview-signature.ts';
export type { RecipeSignature, RecipeVerdict } from './signing/recipe-engine.ts';
export { signView, verifyView } from './signing/recipe-engine.ts';
export { SIGNING_RECIPE_SCHEMA } from './signing/recipe-schema.ts';
export type {
  MessagePlace,
  ParamsPart,
  RawBodyPart,
  RecipeAlgorithm,
  RecipeEncoding,
  RecipeNonce,
  RecipePart,
  RecipeSecrets,
  RecipeTimestamp,
  SigningRecipe,
  TextPart,
} from './signing/recipe-types.ts';
export type { MessageView } from './signing/render-canonical.ts';
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
export { redactHeaders } from './triggers/webhook/redact-headers.ts';
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
export type { BodyCharsets } from './wire-format/body-charset.ts';
export { credentialCharsetApplies, readInBodyCharset } from './wire-format/body-charset.ts';
export type { CharsetContext } from './wire-format/charset.ts';
export {
  charsetOf,
  contentTypeWithCharset,
  decodeText,
  encodeText,
  isKnownCharset,
  isUtf8,
} from './wire-format/charset.ts';
export { formatForm, parseForm } from './wire-format/form.ts';
export type { WireFormatErrorCode, WireFormatErrorParams } from './wire-format/wire-format-errors.ts';
export { wireFormatError, wireFormatErrorMessages } from './wire-format/wire-format-errors.ts';
export type { XmlParseOptions } from './wire-format/xml.ts';
export { XML_ATTRIBUTE_PREFIX, XML_TEXT_KEY, xmlToJson } from './wire-format/xml.ts';
export type { XmlBuildOptions } from './wire-format/xml-build.ts';
export { jsonToXml } from './wire-format/xml-build.ts';
