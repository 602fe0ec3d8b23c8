import { describe, expect, it } from 'vitest';
import { useCardStack } from './support/card-stack.ts';

interface ShopProduct {
  sku: string;
  supplier_product_id: string;
  available: boolean;
  delivery: string;
  cost: number;
  stock: number;
}

describe('sync-products', () => {
  const stack = useCardStack();

  it("maps the supplier's whole catalogue into the shop's shape and caches it", async () => {
    const { run } = await stack().api.request<{ run: { id: string; status: string; output: unknown } }>(
      'POST',
      '/api/flows/sync-products/runs?wait=true',
      {},
    );
    expect(run.status).toBe('succeeded');
    const output = run.output as { syncedAt: string; count: number; products: ShopProduct[] };
    const supplier = stack().sandbox.products();
    expect(output.count).toBe(supplier.length);
    expect(Date.parse(output.syncedAt)).not.toBeNaN();
    for (const product of supplier) {
      const mapped = output.products.find((p) => p.supplier_product_id === product.product_id);
      expect(mapped, product.product_id).toMatchObject({
        sku: `CP-${product.product_id}`,
        cost: product.purchase_price,
        stock: product.stock,
        available: product.stock_status === 'in_stock' && product.sales_status === 'on_shelf',
        delivery: product.product_type === 'card' ? 'card-keys' : 'direct-top-up',
      });
    }
    // The seeded off-shelf and out-of-stock products are offered as unavailable.
    const unavailable = output.products.filter((p) => !p.available).map((p) => p.supplier_product_id);
    expect(unavailable.sort()).toEqual(['10000006', '10000007', '10000016', '10000017']);
  });
});
