import type { EngineEvent, ErrorInfo, Json, NodeOutputs, WebhookResponse } from '@junction/runtime';

/** What a case's run did, gathered from the engine's events (its own run only, not sub-flows). */
export interface RunObservations {
  /**
   * How many times each node ran, by id: every attempt counts (retries included), a suspended node
   * taking up again after its callback or timer does not.
   */
  started: Map<string, number>;
  /** The last outputs of each node that completed, by node id. */
  outputs: Map<string, NodeOutputs>;
  /** Final failures (no retry left), by node id. */
  failed: Map<string, ErrorInfo>;
  skipped: Set<string>;
  /** The first answer a `flow.respond` node gave. */
  response: WebhookResponse | undefined;
  /** Every event of any run, counted: the runner's sign that the engine is still busy. */
  events: number;
}

/**
 * An empty record, the listener that fills it from run `runId`'s events, and `ran` for the node
 * wrapper to count runs (events cannot tell a resumed node from a new attempt).
 */
export function observeRun(runId: string): {
  seen: RunObservations;
  listen: (event: EngineEvent) => void;
  ran: (nodeId: string) => void;
} {
  const seen: RunObservations = {
    started: new Map(),
    outputs: new Map(),
    failed: new Map(),
    skipped: new Set(),
    response: undefined,
    events: 0,
  };
  const listen = (event: EngineEvent): void => {
    seen.events++;
    if (!('runId' in event) || event.runId !== runId) return;
    switch (event.type) {
      case 'node.completed':
        seen.outputs.set(event.nodeId, event.output);
        break;
      case 'node.failed':
        if (!event.willRetry) seen.failed.set(event.nodeId, event.error);
        break;
      case 'node.skipped':
        seen.skipped.add(event.nodeId);
        break;
      case 'run.response':
        seen.response ??= event.response;
        break;
    }
  };
  const ran = (nodeId: string): void => {
    seen.started.set(nodeId, (seen.started.get(nodeId) ?? 0) + 1);
  };
  return { seen, listen, ran };
}

/** The value a node produced: on `port`, else on its only port, else all its ports. */
export function nodeValue(outputs: NodeOutputs | undefined, port?: string): Json | undefined {
  if (outputs === undefined) return undefined;
  if (port !== undefined) return outputs[port];
  const ports = Object.keys(outputs);
  return ports.length === 1 ? outputs[ports[0] as string] : outputs;
}
