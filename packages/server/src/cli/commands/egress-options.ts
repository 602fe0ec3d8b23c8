/** The egress flag of `junction serve` and `junction run` (also read from `JUNCTION_EGRESS_ALLOW`). */
export interface EgressFlags {
  egressAllow?: string;
}

/** The `--egress-allow` help line, shared by the commands that run nodes. */
export const EGRESS_ALLOW_HELP =
  'comma-separated CIDRs, addresses and host[:port] nodes may call besides public addresses, e.g. 127.0.0.1:3100,10.0.0.0/8,erp.internal:8080 (env JUNCTION_EGRESS_ALLOW; default none)';

/**
 * `--egress-allow` (or `JUNCTION_EGRESS_ALLOW`) as allow-list entries; `undefined` when neither is
 * set. The entries are checked when the policy is built (`JX_EGRESS_ALLOW_INVALID`).
 */
export function egressAllowList(
  flags: EgressFlags,
  env: NodeJS.ProcessEnv = process.env,
): string[] | undefined {
  const raw = flags.egressAllow ?? env.JUNCTION_EGRESS_ALLOW;
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
