import { type FlowDocument, hashFlow, JunctionError } from '@junction/runtime';
import type { JunctionClient } from './junction-client.ts';

/** A flow as deployed: its id and the version now serving. */
export interface DeployedFlow {
  id: string;
  version: number;
}

interface FlowAnswer {
  latestVersion: number | null;
  deployment: { version: number } | null;
}

/**
 * Saves a flow, snapshots it as a version and deploys that version. When the latest version already
 * holds the same document it is reused, so loading the examples again does not pile up versions.
 */
export async function deployFlow(api: JunctionClient, flow: FlowDocument): Promise<DeployedFlow> {
  const path = `/api/flows/${encodeURIComponent(flow.id)}`;
  const current = await api.request<FlowAnswer>('GET', path).catch(absentOn404);
  let version: number | undefined;
  if (current?.latestVersion) {
    const latest = await api.request<{ flow: FlowDocument }>(
      'GET',
      `${path}/versions/${current.latestVersion}`,
    );
    if (hashFlow(latest.flow) === hashFlow(flow)) version = current.latestVersion;
  }
  await api.request('PUT', path, flow as never);
  if (version === undefined) {
    version = (await api.request<{ version: number }>('POST', `${path}/versions`, {})).version;
  }
  if (current?.deployment?.version !== version) {
    await api.request('POST', `${path}/deploy`, { version });
  }
  return { id: flow.id, version };
}

/** A missing flow is fine (it is created); any other failure is not. */
function absentOn404(error: unknown): undefined {
  if (error instanceof JunctionError && error.details?.status === 404) return undefined;
  throw error;
}
