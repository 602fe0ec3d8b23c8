import { type FlowDocument, JunctionError } from '@junction/runtime';
import type { ServerContext } from '../app/server-context.ts';
import type { ValidationProblem } from '../integration/runtime-glue.ts';
import { conflictMessage, findChannelConflicts, type VersionedDocument } from './channel-conflicts.ts';
import { deployedDocuments } from './deployed-documents.ts';

/** Code of a channel settings clash, as a deploy refusal (409) and as a validation warning. */
export const CHANNEL_CONFLICT = 'JX_CALLBACK_CHANNEL_CONFLICT';

/** A validation problem that does not block saving or deploying by itself. */
export type ValidationWarning = ValidationProblem & { severity: 'warning' };

async function otherFlowsDeployed(ctx: ServerContext, flowId: string): Promise<VersionedDocument[]> {
  const deployed = await deployedDocuments(ctx.flows, ctx.deployments);
  return deployed.filter((d) => d.flowId !== flowId);
}

/**
 * Refuses (409 `JX_CALLBACK_CHANNEL_CONFLICT`) to let `versions` of a flow take traffic when one of
 * their await nodes disagrees on a channel's settings with another deployed flow or with each other
 * (main and canary). The flow's own current deployment is left out: these versions replace it.
 */
export async function assertNoChannelConflicts(
  ctx: ServerContext,
  flowId: string,
  versions: number[],
): Promise<void> {
  const unique = [...new Set(versions)];
  const candidates = await Promise.all(
    unique.map(async (version) => ({
      flowId,
      version,
      document: await ctx.flows.getVersion(flowId, version),
    })),
  );
  const conflicts = findChannelConflicts(candidates, await otherFlowsDeployed(ctx, flowId));
  const first = conflicts[0];
  if (!first) return;
  throw new JunctionError(CHANNEL_CONFLICT, conflictMessage(first), {
    channel: first.channel,
    setting: first.setting,
    node: first.node,
    conflictsWith: first.other,
    conflicts,
  });
}

/**
 * The same check for an unsaved document, as warnings for `POST /api/flows/:id/validate`: the
 * document is compared with every other deployed flow (its own deployment is what it would replace).
 */
export async function channelConflictWarnings(
  ctx: ServerContext,
  flowId: string,
  document: FlowDocument,
): Promise<ValidationWarning[]> {
  if (!Array.isArray(document.nodes)) return [];
  const candidate = { flowId, version: null, document };
  const conflicts = findChannelConflicts([candidate], await otherFlowsDeployed(ctx, flowId));
  return conflicts.map((conflict) => {
    const index = document.nodes.findIndex((n) => n.id === conflict.node.nodeId);
    return {
      code: CHANNEL_CONFLICT,
      severity: 'warning' as const,
      pointer:
        conflict.setting === 'credential'
          ? `/nodes/${index}/credentials/verify`
          : `/nodes/${index}/config/${conflict.setting}`,
      message: conflictMessage(conflict),
      nodeId: conflict.node.nodeId,
    };
  });
}
