// Public entry point of @junction/sandbox: the card-platform simulator. Explicit named exports only.

export { ADMIN_TOKEN_HEADER } from './admin/admin-router.ts';
export type { DeliveryFilter, FaultScope, MerchantView, OrderFilter } from './admin/sandbox-admin.ts';
export type { CallbackDelivery, DeliveryOutcome } from './callbacks/callback-delivery.ts';
export { DEFAULT_CALLBACK_SCHEDULE_MS } from './callbacks/callback-dispatcher.ts';
export type { ProductCategory, ProductType } from './catalogue/product.ts';
export type { ProductView } from './catalogue/product-view.ts';
export { DEFAULT_CLI_PORT, formatSandboxBanner, parseSandboxCliOptions } from './cli/cli-options.ts';
export type { GatewayCredentials, GatewayRequest } from './client/gateway-request.ts';
export { buildGatewayRequest, callGateway, verifyGatewayResponse } from './client/gateway-request.ts';
export { loadSandboxConfig, parseSandboxConfig } from './config/load-config.ts';
export type { SandboxConfig } from './config/sandbox-config.ts';
export { decryptCard, encryptCard } from './crypto/card-cipher.ts';
export { signPayload, signString, verifyPayload } from './crypto/sign.ts';
export { formatTimestamp, parseTimestamp } from './crypto/timestamp.ts';
export type { FaultConfig, FaultSettings } from './faults/fault-settings.ts';
export type { GatewayErrorName } from './gateway/gateway-errors.ts';
export { GATEWAY_ERRORS } from './gateway/gateway-errors.ts';
export type { GatewayResponse } from './gateway/gateway-handler.ts';
export type { MagicAccounts } from './orders/settle-order.ts';
export { DEFAULT_MAGIC_ACCOUNTS } from './orders/settle-order.ts';
export type { SandboxHandle } from './server/sandbox-handle.ts';
export type { StartSandboxOptions } from './server/start-sandbox.ts';
export { startSandbox } from './server/start-sandbox.ts';
export type { MerchantConfig } from './state/merchant.ts';
export { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_BALANCE } from './state/merchant.ts';
export type { DeliveredCard, OrderState } from './state/order.ts';
export type { AdminOrderView, OrderView } from './state/order-view.ts';
