import type { FlowNode } from '@junction/runtime';
import type { DeployedDocument } from '../deploy/deployed-documents.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';
import { type CallbackAwaitDescription, describeCallbackAwait } from '../integration/runtime-glue.ts';

/** Where a channel is awaited: the node and how its callbacks are verified and acknowledged. */
export interface ChannelEntry {
  flowId: string;
  environment: string;
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
    for (const { flowId, version, document, environment = DEFAULT_ENVIRONMENT } of documents) {
      for (const node of document.nodes) {
        if (node.disabled) continue;
        const description = describeCallbackAwait(node);
        if (!description) continue;
        const key = `${environment}\u0000${description.channel}`;
        const list = channels.get(key) ?? [];
        list.push({ flowId, environment, version, node, description });
        channels.set(key, list);
      }
    }
    this.#channels = channels;
  }

  /**
   * Await nodes of a channel in an environment (default: production); the first is used for
   * verification and the acknowledgement.
   */
  lookup(channel: string, environment = DEFAULT_ENVIRONMENT): ChannelEntry[] {
    return this.#channels.get(`${environment}\u0000${channel}`) ?? [];
  }

  /** Channel names, for diagnostics. */
  channels(environment = DEFAULT_ENVIRONMENT): string[] {
    const prefix = `${environment}\u0000`;
    return [...this.#channels.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }
}
