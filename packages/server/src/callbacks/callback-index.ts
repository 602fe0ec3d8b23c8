import type { FlowNode } from '@junction/runtime';
import type { DeployedDocument } from '../deploy/deployed-documents.ts';
import { type CallbackAwaitDescription, describeCallbackAwait } from '../integration/runtime-glue.ts';

/** Where a channel is awaited: the node and how its callbacks are verified and acknowledged. */
export interface ChannelEntry {
  flowId: string;
  version: number;
  node: FlowNode;
  description: CallbackAwaitDescription;
}

/**
 * Channel → await nodes of deployed versions. Rebuilt on every deploy change, so ingress answers
 * from memory; the runs themselves are found through the store by (channel, key).
 */
export class CallbackIndex {
  #channels = new Map<string, ChannelEntry[]>();

  /** Rebuilds the index from the deployed documents. */
  rebuild(documents: DeployedDocument[]): void {
    const channels = new Map<string, ChannelEntry[]>();
    for (const { flowId, version, document } of documents) {
      for (const node of document.nodes) {
        if (node.disabled) continue;
        const description = describeCallbackAwait(node);
        if (!description) continue;
        const list = channels.get(description.channel) ?? [];
        list.push({ flowId, version, node, description });
        channels.set(description.channel, list);
      }
    }
    this.#channels = channels;
  }

  /** Await nodes of a channel; the first is used for verification and the acknowledgement. */
  lookup(channel: string): ChannelEntry[] {
    return this.#channels.get(channel) ?? [];
  }

  /** Channel names, for diagnostics. */
  channels(): string[] {
    return [...this.#channels.keys()];
  }
}
