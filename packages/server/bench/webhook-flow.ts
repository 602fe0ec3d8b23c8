import type { FlowDocument } from '@junction/runtime';

/** Where the benchmark flow listens: `POST /hooks/<path>`. */
export const HOOK_PATH = 'bench/product-quote';

/** The id of the card-platform credential the flow signs with. */
export const CREDENTIAL_ID = 'bench-sandbox';

/** The webhook body every benchmark request sends (a product on shelf and in stock in the seeded catalogue). */
export const QUOTE_REQUEST = { product_id: '10000001', quantity: 2 } as const;

/**
 * The flow under test: webhook → `cardPlatform.productInfo` (signed `goods.info.get`, response
 * signature checked) → `transform.map` → answered when the run finished, so the reply is only sent
 * once every journal entry of the run is durable.
 */
export function webhookBenchFlow(): FlowDocument {
  const at = (x: number) => ({ x, y: 0 });
  return {
    schemaVersion: 1,
    id: 'webhook-bench',
    name: 'Webhook benchmark: product quote',
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        typeVersion: 1,
        position: at(0),
        config: { method: 'POST', path: HOOK_PATH, responseMode: 'onFinish' },
      },
      {
        id: 'product',
        type: 'cardPlatform.productInfo',
        typeVersion: 1,
        position: at(260),
        config: { productId: '=body.product_id' },
        credentials: { auth: CREDENTIAL_ID },
      },
      {
        id: 'quote',
        type: 'transform.map',
        typeVersion: 1,
        position: at(520),
        config: {
          mapping: {
            sku: '=product_id',
            name: '=product_name',
            unitPrice: '=purchase_price',
            quantity: '=$trigger.body.quantity',
            total: '=purchase_price * $trigger.body.quantity',
            available: "=sales_status = 'on_shelf' and stock >= $trigger.body.quantity",
          },
        },
      },
    ],
    edges: [
      { id: 'e1', source: { node: 'hook', port: 'out' }, target: { node: 'product', port: 'in' } },
      { id: 'e2', source: { node: 'product', port: 'out' }, target: { node: 'quote', port: 'in' } },
    ],
  };
}
