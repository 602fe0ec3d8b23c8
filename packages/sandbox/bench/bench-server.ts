// Child process of the gateway benchmark: `sandbox` runs the real sandbox, `baseline` a hand-written
// node:http server that parses the same body and answers a fixed JSON, as the ceiling for this machine.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../src/index.ts';

const kind = process.argv[2];
if (kind === 'sandbox') {
  const sandbox = await startSandbox({ seed: 1 });
  console.log(sandbox.gatewayUrl);
} else {
  const answer = JSON.stringify({ code: 0, message: 'ok', result: '{}', sign: '' });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answer);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/gateway`);
  });
}
