import type { Deployment } from '../api/api-types.ts';

/** One line for the Versions tab: `v1, canary v2 at 50% by =body.customer_id where …`, or `nothing`. */
export function describeDeployment(deployment: Deployment | null | undefined): string {
  if (!deployment) return 'nothing';
  const canary = deployment.canary;
  if (!canary) return `v${deployment.version}`;
  const by = canary.routingKey ? ` by ${canary.routingKey}` : ' by run id';
  const where = canary.match ? ` where ${canary.match}` : '';
  return `v${deployment.version}, canary v${canary.version} at ${canary.percent}%${by}${where}`;
}
