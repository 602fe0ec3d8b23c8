import { HOOK_PATH } from './webhook-flow.ts';

/** The environment variables the Node-RED function nodes read the sandbox account from. */
export const NODE_RED_ENV = {
  appKey: 'JUNCTION_BENCH_APP_KEY',
  appSecret: 'JUNCTION_BENCH_APP_SECRET',
} as const;

// The card-platform scheme, as the baseline and Junction's node sign: sorted characters + secret, MD5.
const SIGN = `const sign = (text) => crypto.createHash('md5')
  .update(text.split('').sort().join('') + env.get('${NODE_RED_ENV.appSecret}'), 'utf8').digest('hex');`;

const SIGN_REQUEST = `${SIGN}
const iso = new Date(Date.now() + 8 * 3600000).toISOString();
const envelope = {
  app_key: env.get('${NODE_RED_ENV.appKey}'),
  method: 'goods.info.get',
  timestamp: iso.slice(0, 10) + ' ' + iso.slice(11, 19),
  version: '2.0',
  format: 'json',
  charset: 'utf-8',
  sign_type: 'md5',
  biz_content: JSON.stringify({ product_id: msg.payload.product_id }),
};
envelope.sign = sign(JSON.stringify(envelope));
msg.quoteRequest = msg.payload;
msg.payload = JSON.stringify(envelope);
msg.headers = { 'content-type': 'application/json' };
return msg;`;

const MAP_QUOTE = `${SIGN}
const answer = msg.payload;
msg.headers = { 'content-type': 'application/json; charset=utf-8' };
if (msg.statusCode !== 200 || !answer || answer.code !== 0 || answer.sign !== sign(answer.result)) {
  msg.statusCode = 502;
  msg.payload = { error: { code: 'JX_NODE_RED_GATEWAY', message: 'The gateway refused goods.info.get.' } };
  return msg;
}
const product = JSON.parse(answer.result);
const quantity = msg.quoteRequest.quantity;
const price = product.purchase_price;
msg.statusCode = 200;
msg.payload = {
  sku: product.product_id,
  name: product.product_name,
  unitPrice: price,
  quantity,
  total: price * quantity,
  available: product.sales_status === 'on_shelf' && product.stock >= quantity,
};
return msg;`;

const crypto = [{ var: 'crypto', module: 'crypto' }];

/**
 * Node-RED's version of the benchmark flow, as a Node-RED user would build it: `http in` → function
 * (sign `goods.info.get`) → `http request` (keep-alive, JSON answer) → function (check the response
 * signature, map the product to a quote) → `http response`. Nothing is persisted.
 */
export function nodeRedBenchFlow(gatewayUrl: string): Record<string, unknown>[] {
  const z = 'bench-tab';
  return [
    { id: z, type: 'tab', label: 'Webhook benchmark: product quote' },
    {
      id: 'hook',
      z,
      type: 'http in',
      url: `/hooks/${HOOK_PATH}`,
      method: 'post',
      upload: false,
      wires: [['sign']],
    },
    {
      id: 'sign',
      z,
      type: 'function',
      name: 'sign goods.info.get',
      func: SIGN_REQUEST,
      outputs: 1,
      libs: crypto,
      wires: [['call']],
    },
    {
      id: 'call',
      z,
      type: 'http request',
      method: 'POST',
      ret: 'obj',
      paytoqs: 'ignore',
      url: gatewayUrl,
      persist: true,
      senderr: false,
      wires: [['map']],
    },
    {
      id: 'map',
      z,
      type: 'function',
      name: 'check and map',
      func: MAP_QUOTE,
      outputs: 1,
      libs: crypto,
      wires: [['respond']],
    },
    { id: 'respond', z, type: 'http response', statusCode: '', headers: {}, wires: [] },
  ];
}
