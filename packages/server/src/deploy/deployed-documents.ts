import type { FlowDocument } from '@junction/runtime';
import { applyEnvironment } from '../environments/apply-environment.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';
import type { EnvironmentRepository } from '../environments/environment-repository.ts';
import type { FlowRepository } from '../flows/flow-repository.ts';
import type { DeploymentRepository } from './deployment-repository.ts';

/** A deployed version of a flow (main or canary) in an environment. */
export interface DeployedDocument {
  flowId: string;
  version: number;
  canary: boolean;
  /**
   * The environment it serves (absent: the default, production); its document has that
   * environment's credentials and variables applied.
   */
  environment?: string;
  document: FlowDocument;
}

/**
 * Every version that can receive traffic now: each deployment's main version and its canary. Without
 * `environments`, only the default environment's (production's) deployments, documents as stored; with
 * it, every environment's, each document resolved for its environment (credential bindings, variables).
 */
export async function deployedDocuments(
  flows: FlowRepository,
  deployments: DeploymentRepository,
  environments?: EnvironmentRepository,
): Promise<DeployedDocument[]> {
  const result: DeployedDocument[] = [];
  const placed = environments
    ? await deployments.everywhere()
    : [...(await deployments.all())].map(([flowId, deployment]) => ({
        environment: DEFAULT_ENVIRONMENT,
        flowId,
        deployment,
      }));
  const known = environments ? new Map((await environments.list()).map((e) => [e.name, e])) : undefined;
  for (const { environment, flowId, deployment } of placed) {
    const env = known?.get(environment);
    if (known && !env) continue;
    const resolve = (document: FlowDocument) => (env ? applyEnvironment(document, env) : document);
    result.push({
      flowId,
      version: deployment.version,
      canary: false,
      environment,
      document: resolve(await flows.getVersion(flowId, deployment.version)),
    });
    if (deployment.canary && deployment.canary.version !== deployment.version) {
      const version = deployment.canary.version;
      const document = resolve(await flows.getVersion(flowId, version));
      result.push({ flowId, version, canary: true, environment, document });
    }
  }
  return result;
}
