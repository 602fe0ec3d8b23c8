import { JunctionError } from '../errors/junction-error.ts';
import type { NodeOutputs } from '../node/node-result.ts';

/** Default per-node output cap: 1 MiB of serialised JSON. */
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Normalises a node's outputs and enforces the size cap.
 *
 * 0. Anything but an object of values by port fails with `JX_NODE_BAD_RESULT`.
 * 1. Ports whose value is `undefined` are dropped: a port not emitted is dead.
 * 2. The outputs are serialised once; the string length is a lower bound of the UTF-8 size, and
 *    only when three bytes per character could exceed the cap is the exact byte length computed.
 * 3. Over the cap the node fails with `JX_OUTPUT_TOO_LARGE`: nothing is ever truncated silently.
 */
export function checkOutputs(nodeId: string, outputs: NodeOutputs, maxBytes: number): NodeOutputs {
  if (outputs === null || typeof outputs !== 'object' || Array.isArray(outputs)) {
    throw new JunctionError(
      'JX_NODE_BAD_RESULT',
      `Node ${nodeId} returned ${Array.isArray(outputs) ? 'an array' : String(outputs)} instead of outputs by port ({ out: value }); fix the node type.`,
      { nodeId },
    );
  }
  let clean: NodeOutputs | undefined;
  for (const port in outputs) {
    if (outputs[port] === undefined) {
      clean ??= { ...outputs };
      delete clean[port];
    }
  }
  const result = clean ?? outputs;
  const text = JSON.stringify(result) ?? 'null';
  if (text.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > maxBytes) {
      throw new JunctionError(
        'JX_OUTPUT_TOO_LARGE',
        `Node ${nodeId} produced ${bytes} bytes of output, over the limit of ${maxBytes}; ` +
          'emit less data (filter or paginate) or raise settings.maxOutputBytes.',
        { nodeId, bytes, maxBytes },
      );
    }
  }
  return result;
}
