import type { FaultConfig } from '../faults/fault-settings.ts';
import type { MagicAccounts } from '../orders/settle-order.ts';
import type { MerchantConfig } from '../state/merchant.ts';
import type { SandboxCharset, SandboxFormat } from '../wire/wire-format.ts';

/**
 * Everything a sandbox can be configured with, in code (`startSandbox({config})`) or in a JSON file
 * (`--config`). Durations named *simulated* are scaled by the time factor.
 */
export interface SandboxConfig {
  /** Extra merchants; the default `sandbox-app` merchant exists unless one here reuses its app key. */
  merchants?: MerchantConfig[];
  /** Faults active from the start and restored by reset. */
  faults?: FaultConfig;
  /** Charge accounts whose direct top-ups always succeed / fail; added to the built-in ones. */
  magicAccounts?: Partial<MagicAccounts>;
  /** *Simulated* ms from acceptance to `processing`; default 200. */
  processingDelayMs?: number;
  /** *Simulated* ms from acceptance to settlement; default 2000. */
  settleDelayMs?: number;
  /** *Simulated* ms to wait before each callback attempt; default immediately, 15 s, 30 s, 3 min, 10 min, … */
  callbackScheduleMs?: number[];
  /** Real ms a notify URL has to answer; default 5000. */
  callbackTimeoutMs?: number;
  /** Accepted clock skew of request timestamps in real ms; default 5 minutes. */
  timestampToleranceMs?: number;
  /** Admin token; a random one is generated when absent. */
  adminToken?: string;
  /** Charset of gateway answers and callbacks (`utf-8` default, or `gbk`); restored by reset. */
  charset?: SandboxCharset;
  /** Format of gateway answers and callbacks (`json` default, or `xml`); restored by reset. */
  format?: SandboxFormat;
}
