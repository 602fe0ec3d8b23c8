import { type FlowDocument, hashFlow, type Json, JunctionError } from '@junction/runtime';
import { type ApiClient, apiTarget, createApiClient } from '../api-client.ts';
import { runApiCommand } from '../api-errors.ts';
import type { CliIo } from '../cli-io.ts';
import { readJsonFile } from '../read-flow-file.ts';

/** Options every API command takes. */
export interface ApiOptions {
  url?: string;
  token?: string;
}

/** Options of `junction flows deploy`. */
export interface DeployOptions extends ApiOptions {
  version?: string;
  canaryPercent?: string;
  routingKey?: string;
  var?: string[];
}

interface FlowAnswer {
  latestVersion: number | null;
  deployment: { version: number; canary?: { version: number; percent: number } } | null;
}

/**
 * `junction flows deploy <flow.json>`: saves the file as the flow's draft (the server validates it),
 * snapshots it as a new version unless the latest version holds the same document, and deploys it —
 * as main, or with `--canary-percent` as a canary beside the current main. `--version N` deploys an
 * existing version instead of the file's content.
 */
export async function deployCommand(path: string, options: DeployOptions, io: CliIo): Promise<number> {
  return runApiCommand(io, async () => {
    const flow = withVariableOptions(readFlow(path), options.var ?? []);
    const canary = canaryOptions(options);
    const api = createApiClient(apiTarget(options));
    const base = `/api/flows/${encodeURIComponent(flow.id)}`;
    const current = await api.request<FlowAnswer>('GET', base).catch(absentOn404);
    const version =
      options.version !== undefined
        ? positiveInt(options.version, '--version')
        : await saveVersion(api, base, flow, current);
    if (canary) {
      const main = current?.deployment?.version;
      if (main === undefined) {
        throw new JunctionError(
          'JX_CLI_CANARY_WITHOUT_MAIN',
          `${flow.id} has no deployed main version to run a canary beside; deploy it once without --canary-percent.`,
          { flowId: flow.id },
        );
      }
      await api.request('POST', `${base}/deploy`, { version: main, canary: { version, ...canary } });
      io.out(`Deployed ${flow.id}: v${main} main, v${version} canary at ${canary.percent}%`);
      return;
    }
    if (current?.deployment?.version !== version || current.deployment.canary) {
      await api.request('POST', `${base}/deploy`, { version });
    }
    io.out(`Deployed ${flow.id} v${version}`);
  });
}

/** `junction flows list`: every flow with its latest and deployed versions. */
export async function listFlowsCommand(options: ApiOptions & { json?: boolean }, io: CliIo): Promise<number> {
  return runApiCommand(io, async () => {
    const api = createApiClient(apiTarget(options));
    const { flows } = await api.request<{ flows: Array<FlowAnswer & { id: string; name: string }> }>(
      'GET',
      '/api/flows',
    );
    if (options.json) return io.out(JSON.stringify(flows, null, 2));
    io.out(['ID', 'LATEST', 'DEPLOYED', 'NAME'].join('\t'));
    for (const flow of flows) {
      const deployed = flow.deployment
        ? `v${flow.deployment.version}${flow.deployment.canary ? ` (canary v${flow.deployment.canary.version} ${flow.deployment.canary.percent}%)` : ''}`
        : '-';
      io.out([flow.id, flow.latestVersion ? `v${flow.latestVersion}` : '-', deployed, flow.name].join('\t'));
    }
  });
}

async function saveVersion(
  api: ApiClient,
  base: string,
  flow: FlowDocument,
  current: FlowAnswer | undefined,
): Promise<number> {
  // The server validates the document here (validateFlow): 422 JX_FLOW_INVALID lists every problem.
  await api.request('PUT', base, flow as unknown as Json);
  if (current?.latestVersion) {
    const latest = await api.request<{ flow: FlowDocument }>(
      'GET',
      `${base}/versions/${current.latestVersion}`,
    );
    // Deploying the same file again reuses its version instead of piling up identical ones.
    if (hashFlow(latest.flow) === hashFlow(flow)) return current.latestVersion;
  }
  return (await api.request<{ version: number }>('POST', `${base}/versions`, {})).version;
}

function readFlow(path: string): FlowDocument {
  const flow = readJsonFile(path) as FlowDocument;
  if (typeof flow !== 'object' || flow === null || typeof flow.id !== 'string' || flow.id === '') {
    throw new JunctionError('JX_CLI_FLOW_ID_MISSING', `${path} has no "id": a flow document needs one.`, {
      path,
    });
  }
  return flow;
}

/** `--var name=value`: the value is JSON when it parses (numbers, booleans), else a string. */
function withVariableOptions(flow: FlowDocument, assignments: string[]): FlowDocument {
  if (assignments.length === 0) return flow;
  const declared = flow.settings?.variables ?? {};
  const variables = { ...declared };
  for (const assignment of assignments) {
    const at = assignment.indexOf('=');
    const name = at > 0 ? assignment.slice(0, at) : '';
    if (!Object.hasOwn(declared, name)) {
      throw new JunctionError(
        'JX_CLI_VARIABLE_UNKNOWN',
        `--var ${assignment}: ${flow.id} declares no variable "${name}" (it has: ${Object.keys(declared).join(', ') || 'none'}).`,
        { name },
      );
    }
    variables[name] = parseValue(assignment.slice(at + 1));
  }
  return { ...flow, settings: { ...flow.settings, variables } };
}

function parseValue(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function canaryOptions(options: DeployOptions): { percent: number; routingKey?: string } | undefined {
  if (options.canaryPercent === undefined) {
    if (options.routingKey !== undefined) {
      throw new JunctionError(
        'JX_CLI_ROUTING_KEY_WITHOUT_CANARY',
        '--routing-key needs --canary-percent.',
        {},
      );
    }
    return undefined;
  }
  const percent = Number(options.canaryPercent);
  // The range (0–100) is the deploy route's to check, like every other rule of a deployment.
  if (options.canaryPercent.trim() === '' || !Number.isFinite(percent)) {
    throw new JunctionError(
      'JX_CLI_CANARY_PERCENT_INVALID',
      `--canary-percent must be a number (0–100), got "${options.canaryPercent}".`,
      {},
    );
  }
  return { percent, ...(options.routingKey ? { routingKey: options.routingKey } : {}) };
}

function positiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new JunctionError(
      'JX_CLI_VERSION_INVALID',
      `${flag} must be a version number (1, 2, …), got "${text}".`,
      {},
    );
  }
  return value;
}

function absentOn404(error: unknown): undefined {
  if (error instanceof JunctionError && error.details?.status === 404) return undefined;
  throw error;
}
