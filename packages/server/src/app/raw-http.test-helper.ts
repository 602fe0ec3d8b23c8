import { connect } from 'node:net';

/** A raw HTTP answer: status and the parsed JSON body (undefined when it is not JSON). */
export interface RawAnswer {
  status: number;
  head: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary error bodies
  json: any;
}

/**
 * Sends `request` as bytes over a fresh TCP connection and reads until the server closes it, so
 * tests can send what no HTTP client library would (no Host, 17 KB headers, raw bytes in the URL).
 */
export function rawRequest(url: string, request: string | Buffer): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split);
      let json: unknown;
      try {
        json = JSON.parse(text.slice(split + 4));
      } catch {
        json = undefined;
      }
      resolve({ status: Number(head.split(' ')[1]), head, json });
    });
  });
}
