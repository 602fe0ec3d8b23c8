import type { IncomingMessage, ServerResponse } from 'node:http';
import { JunctionError } from '@junction/runtime';
import type { EncodedMessage } from '../wire/wire-message.ts';

/** Largest request body the sandbox reads; real gateways refuse far smaller bodies than this. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body's bytes, refusing bodies over {@link MAX_BODY_BYTES}. */
export function readBodyBytes(request: IncomingMessage): Promise<Buffer> {
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
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Reads a request body as UTF-8 (the admin API's JSON), refusing bodies over {@link MAX_BODY_BYTES}. */
export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readBodyBytes(request)).toString('utf8');
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

/** Writes an encoded message (any format and charset) as the answer. */
export function sendMessage(response: ServerResponse, status: number, message: EncodedMessage): void {
  response.writeHead(status, { 'content-type': message.contentType, 'content-length': message.bytes.length });
  response.end(message.bytes);
}
