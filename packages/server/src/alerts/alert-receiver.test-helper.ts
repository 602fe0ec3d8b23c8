import { createServer, type Server } from 'node:http';

/** One request a receiver got. */
export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: Record<string, unknown>;
}

/** A local robot/webhook receiver over real HTTP: answers per path prefix, keeps every request. */
export interface Receiver {
  base: string;
  host: string;
  got: Received[];
  on(path: string): Received[];
  close(): Promise<void>;
}

type Answer = { status: number; body: string };

/** Starts a receiver; `answers` maps a path prefix to the answer (default `{"errcode":0,"code":0}`). */
export async function startReceiver(answers: Record<string, Answer> = {}): Promise<Receiver> {
  const got: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {}
      got.push({ path: request.url ?? '', headers: request.headers, body, json });
      const answer = Object.entries(answers).find(([prefix]) => request.url?.startsWith(prefix))?.[1] ?? {
        status: 200,
        body: '{"errcode":0,"errmsg":"ok","code":0,"msg":"success"}',
      };
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    got,
    on: (path) => got.filter((r) => r.path.startsWith(path)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
