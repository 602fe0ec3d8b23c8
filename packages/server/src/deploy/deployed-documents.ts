import type { FlowDocument } from '@junction/runtime';
import type { FlowRepository } from '../flows/flow-repository.ts';
import type { DeploymentRepository } from './deployment-repository.ts';

/** A deployed version of a flow (main or canary). */
export interface DeployedDocument {
  flowId: string;
  version: number;
  canary: boolean;
  document: FlowDocument;
}

/** Every version that can receive traffic now: each deployment's main version and its canary. */
export async function deployedDocuments(
  flows: FlowRepository,
  deployments: DeploymentRepository,
): Promise<DeployedDocument[]> {
  const result: DeployedDocument[] = [];
  for (const [flowId, deployment] of await deployments.all()) {
    result.push({
      flowId,
      version: deployment.version,
      canary: false,
      document: await flows.getVersion(flowId, deployment.version),
    });
    if (deployment.canary && deployment.canary.version !== deployment.version) {
      const version = deployment.canary.version;
      result.push({ flowId, version, canary: true, document: await flows.getVersion(flowId, version) });
    }
  }
  return result;
}
