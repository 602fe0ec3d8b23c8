import http from 'node:http';
import https from 'node:https';
import { JunctionError } from '@junction/runtime';
import type { EncodedMessage } from '../wire/wire-message.ts';

/** The merchant's answer to one callback POST: its bytes, decoded by the caller. */
export interface CallbackAnswer {
  status: number;
  contentType?: string;
  bytes: Buffer;
}

/** Keep-alive agents for callbacks; `destroy()` closes their sockets so nothing outlives the sandbox. */
export interface CallbackAgents {
  http: http.Agent;
  https: https.Agent;
  destroy(): void;
}

/** Creates the agents one sandbox uses for its callbacks. */
export function createCallbackAgents(): CallbackAgents {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  return {
    ...agents,
    destroy: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

const MAX_ANSWER_BYTES = 4096;

/** POSTs a callback and reads (at most 4 KiB of) the answer; rejects on network errors and timeouts. */
export function postCallback(
  url: string,
  message: EncodedMessage,
  agents: CallbackAgents,
  timeoutMs: number,
): Promise<CallbackAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        agent: target.protocol === 'https:' ? agents.https : agents.http,
        headers: { 'content-type': message.contentType, 'content-length': message.bytes.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'],
            bytes: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES),
          }),
        );
        response.on('error', reject);
      },
    );
    request.setTimeout(timeoutMs, () =>
      request.destroy(
        new JunctionError(
          'JX_SANDBOX_CALLBACK_TIMEOUT',
          `The notify URL did not answer within ${timeoutMs} ms.`,
          {
            url,
          },
        ),
      ),
    );
    request.on('error', reject);
    request.end(message.bytes);
  });
}
