import type { IncomingMessage, ServerResponse } from 'node:http';
import { JunctionError } from '@junction/runtime';

/** Largest request body the sandbox reads; real gateways refuse far smaller bodies than this. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body as UTF-8, refusing bodies over {@link MAX_BODY_BYTES}. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new JunctionError(
            'JX_SANDBOX_BODY_TOO_LARGE',
            `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
          ),
        );
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}

/** Writes a JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
