import type { NodeRegistry } from '@junction/runtime';
import {
  bindEgressPolicy,
  createBuiltinRegistry,
  createEgressPolicy,
  type EgressPolicy,
} from '../integration/runtime-glue.ts';

/** Where nodes' outbound requests may go (`startServer`'s `egress` option). */
export interface EgressSettings {
  /**
   * CIDRs, addresses and host[:port] nodes may call besides public addresses (self-hosted suppliers,
   * the sandbox), e.g. `['127.0.0.1:3100', '10.0.0.0/8', 'erp.internal:8080']`. Default none.
   */
  allow?: readonly string[];
}

/** The sentence a refusal ends with: the exact flag (or variable) that would allow the destination. */
export function serverAllowHint(entry: string): string {
  return `If it is yours, start junction serve with --egress-allow ${entry} (or JUNCTION_EGRESS_ALLOW=${entry}; entries are comma-separated).`;
}

/**
 * The process's egress policy and the registry whose nodes run under it: the given registry (bound to
 * the policy) or the built-in one. A bad allow-list entry fails with `JX_EGRESS_ALLOW_INVALID`.
 */
export function egressRegistry(
  settings: EgressSettings | undefined,
  registry: NodeRegistry | undefined,
  allowHint: (entry: string) => string = serverAllowHint,
): { egress: EgressPolicy; registry: NodeRegistry } {
  const egress = createEgressPolicy({ allow: settings?.allow ?? [], allowHint });
  return {
    egress,
    registry: registry ? bindEgressPolicy(registry, egress) : createBuiltinRegistry({ egress }),
  };
}
