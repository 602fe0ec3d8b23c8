import { createEgressPolicy, type EgressPolicy } from '../http/egress/egress-policy.ts';

/**
 * An egress policy for tests whose servers listen on this machine: loopback (127.0.0.0/8, ::1) is
 * allowed, every other inward address stays refused. Run nodes under it with `runWithEgressPolicy`,
 * or build a registry with `createBuiltinRegistry({ egress: loopbackEgress })`.
 */
export const loopbackEgress: EgressPolicy = createEgressPolicy({ allow: ['127.0.0.0/8', '::1'] });
