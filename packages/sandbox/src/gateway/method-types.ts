import type { SandboxCore } from '../core/sandbox-core.ts';
import type { FaultSettings } from '../faults/fault-settings.ts';
import type { Merchant } from '../state/merchant.ts';
import type { BizParams } from './biz-params.ts';

/** What a gateway method receives: an authenticated merchant and its decoded business parameters. */
export interface MethodCall {
  core: SandboxCore;
  merchant: Merchant;
  biz: BizParams;
  faults: FaultSettings;
  now: number;
}

/** What a gateway method produces. */
export interface MethodOutcome {
  /** Serialised into the response's `result` string. */
  result: unknown;
  /** Fault `dropAfterAccept`: destroy the connection instead of answering. */
  dropConnection?: boolean;
  /** Wait for this before answering (fault `callbackBeforeResponse`). */
  beforeAnswer?: Promise<void>;
}

/** A gateway method handler; refusals are thrown as `GatewayRefusal`. */
export type GatewayMethod = (call: MethodCall) => MethodOutcome;
