// Child process: the hand-written node:http server Junction is measured against. It does the same work
// as the benchmark flow — read the webhook, sign goods.info.get, send it to the sandbox over a keep-alive
// agent, check the response signature, map the product to a quote, answer — and persists nothing.
import { createHash } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JunctionError } from '@junction/runtime';
import { HOOK_PATH } from './webhook-flow.ts';

const [gatewayUrl, appKey, appSecret] = process.argv.slice(2) as [string, string, string];
const gateway = new URL(gatewayUrl);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

// The card-platform scheme as a supplier SDK writes it: sorted characters + secret, MD5, lowercase hex.
const sign = (text: string) =>
  createHash('md5')
    .update(text.split('').sort().join('') + appSecret, 'utf8')
    .digest('hex');

function timestampUtc8(now: number): string {
  const iso = new Date(now + 8 * 3_600_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}

function callGateway(method: string, biz: Record<string, unknown>): Promise<Record<string, unknown>> {
  const envelope: Record<string, string> = {
    app_key: appKey,
    method,
    timestamp: timestampUtc8(Date.now()),
    version: '2.0',
    format: 'json',
    charset: 'utf-8',
    sign_type: 'md5',
    biz_content: JSON.stringify(biz),
  };
  envelope.sign = sign(JSON.stringify(envelope));
  const payload = JSON.stringify(envelope);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      gateway,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        readBody(response).then((text) => {
          const answer = JSON.parse(text) as { code: number; result: string; sign: string };
          if (answer.code !== 0 || answer.sign !== sign(answer.result)) {
            reject(new JunctionError('JX_BASELINE_GATEWAY', `The gateway refused ${method}.`, answer));
          } else resolve(JSON.parse(answer.result) as Record<string, unknown>);
        }, reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const server = createServer(async (incoming, outgoing) => {
  try {
    const body = JSON.parse(await readBody(incoming)) as { product_id: string; quantity: number };
    const product = await callGateway('goods.info.get', { product_id: body.product_id });
    const price = product.purchase_price as number;
    const quote = {
      sku: product.product_id,
      name: product.product_name,
      unitPrice: price,
      quantity: body.quantity,
      total: price * body.quantity,
      available: product.sales_status === 'on_shelf' && (product.stock as number) >= body.quantity,
    };
    outgoing.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    outgoing.end(JSON.stringify(quote));
  } catch (error) {
    outgoing.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    outgoing.end(JSON.stringify({ error: { code: 'JX_BASELINE_FAILED', message: String(error) } }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ ready: true, url: `http://127.0.0.1:${port}/hooks/${HOOK_PATH}` });
});
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') process.exit(0);
});
