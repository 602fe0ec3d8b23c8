import http from 'node:http';
import https from 'node:https';
import { JunctionError } from '@junction/runtime';

/** The merchant's answer to one callback POST. */
export interface CallbackAnswer {
  status: number;
  text: string;
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

/** POSTs a JSON callback and reads (at most 4 KiB of) the answer; rejects on network errors and timeouts. */
export function postCallback(
  url: string,
  json: string,
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
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(json),
        },
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
            text: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8'),
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
    request.end(json);
  });
}
