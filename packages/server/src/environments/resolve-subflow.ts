import type { FlowDocument, RunStore } from '@junction/runtime';
import type { DeploymentRepository } from '../deploy/deployment-repository.ts';
import type { FlowRepository } from '../flows/flow-repository.ts';
import { applyEnvironment } from './apply-environment.ts';
import { DEFAULT_ENVIRONMENT } from './environment-names.ts';
import type { EnvironmentRepository } from './environment-repository.ts';

/**
 * The engine's sub-flow resolver: a child runs as its parent's environment would run it — the
 * version deployed there (else production's, else none), resolved with that environment's credential
 * bindings and variables — so a sandbox test run calling a sub-flow never signs with production
 * credentials.
 */
export function subflowResolver(parts: {
  store: RunStore;
  flows: FlowRepository;
  deployments: DeploymentRepository;
  environments: EnvironmentRepository;
}) {
  const { store, flows, deployments, environments } = parts;
  return async (
    flowId: string,
    version: number | undefined,
    context?: { parentRunId: string },
  ): Promise<{ document: FlowDocument; version: number } | undefined> => {
    const parent = context ? await store.getRun(context.parentRunId) : undefined;
    const tagged = parent?.tags?.environment;
    const name = typeof tagged === 'string' ? tagged : DEFAULT_ENVIRONMENT;
    const v =
      version ?? ((await deployments.find(flowId, name)) ?? (await deployments.find(flowId)))?.version;
    if (v === undefined) return undefined;
    const document = await flows.getVersion(flowId, v);
    const environment = (await environments.list()).find((e) => e.name === name);
    return { document: environment ? applyEnvironment(document, environment) : document, version: v };
  };
}
