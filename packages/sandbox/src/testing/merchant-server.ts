import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One callback as the fake merchant received it. */
export interface ReceivedCallback {
  at: number;
  body: Record<string, string>;
}

/** A real HTTP server standing in for a merchant's notify endpoint, for the sandbox's own tests. */
export interface MerchantServer {
  url: string;
  received: ReceivedCallback[];
  /** Decides the answer body to each callback; default `success`. */
  answer: (callback: ReceivedCallback, index: number) => string;
  close(): Promise<void>;
}

function readJson(request: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () =>
      resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>),
    );
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
    const callback = { at: Date.now(), body: await readJson(request) };
    merchant.received.push(callback);
    response.end(merchant.answer(callback, merchant.received.length - 1));
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
