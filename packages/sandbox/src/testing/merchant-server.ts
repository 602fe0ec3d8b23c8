import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeMessage } from '../wire/wire-message.ts';

/** One callback as the fake merchant received it. */
export interface ReceivedCallback {
  at: number;
  /** The fields, decoded by the callback's Content-Type (JSON or XML, any charset). */
  body: Record<string, string>;
  /** The bytes exactly as received. */
  raw: Buffer;
  contentType: string;
}

/** What the fake merchant answers: a text (sent as `text/plain`) or a body with its Content-Type. */
export type MerchantAnswer = string | { body: string | Buffer; contentType: string };

/** A real HTTP server standing in for a merchant's notify endpoint, for the sandbox's own tests. */
export interface MerchantServer {
  url: string;
  received: ReceivedCallback[];
  /** Decides the answer to each callback; default `success`. */
  answer: (callback: ReceivedCallback, index: number) => MerchantAnswer;
  close(): Promise<void>;
}

function readBytes(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Starts a fake merchant on a free port. */
export async function startMerchantServer(): Promise<MerchantServer> {
  const merchant: MerchantServer = {
    url: '',
    received: [],
    answer: () => 'success',
    close: async () => {},
  };
  const server = createServer(async (request, response) => {
    const raw = await readBytes(request);
    const contentType = request.headers['content-type'] ?? '';
    const body = decodeMessage(raw, contentType, 'callback').value as Record<string, string>;
    const callback = { at: Date.now(), body, raw, contentType };
    merchant.received.push(callback);
    const answer = merchant.answer(callback, merchant.received.length - 1);
    if (typeof answer === 'string') response.end(answer);
    else {
      response.writeHead(200, { 'content-type': answer.contentType });
      response.end(answer.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  merchant.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
  merchant.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return merchant;
}
