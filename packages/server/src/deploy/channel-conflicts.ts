import type { FlowDocument } from '@junction/runtime';
import { describeCallbackAwait } from '../integration/runtime-glue.ts';

/**
 * The await-node settings that `POST /callbacks/:channel` applies to a whole channel: it verifies
 * with one credential, reads the key at one place and answers one acknowledgement (and one refusal), so every deployed
 * node on the channel must agree on them. (The timeout is per run and may differ.)
 */
export type ChannelSetting = 'credential' | 'keyPath' | 'keyFrom' | 'ack' | 'refusal';

/** A flow version, deployed or about to be (`version: null` = an unsaved working copy). */
export interface VersionedDocument {
  flowId: string;
  version: number | null;
  document: FlowDocument;
}

/** One `callback.await` node on a channel, with the value of the setting that differs. */
export interface ChannelUse {
  flowId: string;
  version: number | null;
  nodeId: string;
  /** The setting's value: a credential id (`null` = not verified), a key path or an ack body. */
  value: string | null;
}

/** Two await nodes that would share a channel with different settings. */
export interface ChannelConflict {
  channel: string;
  setting: ChannelSetting;
  /** The node of the version about to go live. */
  node: ChannelUse;
  /** The node it disagrees with (deployed, or another candidate). */
  other: ChannelUse;
}

interface AwaitUse {
  channel: string;
  flowId: string;
  version: number | null;
  nodeId: string;
  settings: Record<ChannelSetting, string | null>;
}

const SETTINGS: ChannelSetting[] = ['credential', 'keyPath', 'keyFrom', 'ack', 'refusal'];

/** A text setting as it is, a structured one (an ack with status and body) as its JSON. */
const settingText = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

function awaitUses({ flowId, version, document }: VersionedDocument): AwaitUse[] {
  const uses: AwaitUse[] = [];
  for (const node of document.nodes ?? []) {
    // Unsaved documents reach here from `validate` before the schema passed: skip malformed nodes.
    if (typeof node?.config !== 'object' || node.config === null || node.disabled) continue;
    const description = describeCallbackAwait(node);
    if (!description || description.channel === '') continue;
    uses.push({
      channel: description.channel,
      flowId,
      version,
      nodeId: node.id,
      settings: {
        credential: description.credentialId ?? null,
        keyPath: description.keyPath,
        keyFrom: description.keyFrom,
        ack: settingText(description.ack),
        refusal: settingText(description.refusal),
      },
    });
  }
  return uses;
}

/**
 * Await nodes of `candidates` (the versions about to take traffic) whose channel settings differ from
 * a node of `others` (what stays deployed) or of an earlier candidate. One conflict per candidate
 * node: the first setting that differs, against the first node it differs from (deployed nodes
 * first, since those are what the ingress answers with today).
 */
export function findChannelConflicts(
  candidates: VersionedDocument[],
  others: VersionedDocument[],
): ChannelConflict[] {
  const seen: AwaitUse[] = others.flatMap(awaitUses);
  const conflicts: ChannelConflict[] = [];
  for (const use of candidates.flatMap(awaitUses)) {
    for (const other of seen) {
      if (other.channel !== use.channel) continue;
      const setting = SETTINGS.find((s) => other.settings[s] !== use.settings[s]);
      if (!setting) continue;
      conflicts.push({
        channel: use.channel,
        setting,
        node: { flowId: use.flowId, version: use.version, nodeId: use.nodeId, value: use.settings[setting] },
        other: {
          flowId: other.flowId,
          version: other.version,
          nodeId: other.nodeId,
          value: other.settings[setting],
        },
      });
      break;
    }
    seen.push(use);
  }
  return conflicts;
}

const SETTING_NAMES: Record<ChannelSetting, string> = {
  credential: 'verification credential',
  keyPath: 'keyPath',
  keyFrom: 'keyFrom',
  ack: 'ack',
  refusal: 'refusal',
};

function describeUse(use: ChannelUse): string {
  const version = use.version === null ? 'working copy' : `v${use.version}`;
  return `node ${use.nodeId} of flow ${use.flowId} ${version}`;
}

function describeValue(setting: ChannelSetting, value: string | null): string {
  if (setting === 'credential' && value === null) return 'no verification';
  return JSON.stringify(value);
}

/** A sentence naming the channel, both nodes, the setting and both values, and what to do. */
export function conflictMessage(conflict: ChannelConflict): string {
  const { channel, setting, node, other } = conflict;
  return (
    `Channel ${channel} is awaited by ${describeUse(other)} with ${SETTING_NAMES[setting]} ` +
    `${describeValue(setting, other.value)}, but ${describeUse(node)} uses ` +
    `${describeValue(setting, node.value)}. Callbacks on one channel are verified and acknowledged ` +
    `with one set of settings: make the ${SETTING_NAMES[setting]} the same, or give one of them its own channel.`
  );
}
