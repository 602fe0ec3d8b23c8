import { describe, expect, it } from 'vitest';
import { seedCatalogue } from './seed-catalogue.ts';

describe('seedCatalogue', () => {
  it('has at least 20 products across categories and both types', () => {
    const products = seedCatalogue(1);
    expect(products.length).toBeGreaterThanOrEqual(20);
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(['game', 'mobile', 'video']));
    expect(new Set(products.map((p) => p.type))).toEqual(new Set(['card', 'direct']));
    expect(new Set(products.map((p) => p.productId)).size).toBe(products.length);
  });

  it('is deterministic for a seed and varies with it', () => {
    expect(seedCatalogue(7)).toEqual(seedCatalogue(7));
    expect(seedCatalogue(7)).not.toEqual(seedCatalogue(8));
  });

  it('keeps ids and shelf states fixed across seeds', () => {
    for (const seed of [1, 2, 99]) {
      const byId = new Map(seedCatalogue(seed).map((p) => [p.productId, p]));
      expect(byId.get('10000006')?.onShelf).toBe(false);
      expect(byId.get('10000016')?.onShelf).toBe(false);
      expect(byId.get('10000007')?.stock).toBe(0);
      expect(byId.get('10000017')?.stock).toBe(0);
      expect(byId.get('10000001')?.stock).toBeGreaterThan(0);
    }
  });

  it('prices below face value, in whole fen', () => {
    for (const product of seedCatalogue(3)) {
      expect(product.priceMinor).toBeLessThan(product.faceValue * 10_000);
      expect(product.priceMinor).toBeGreaterThanOrEqual(product.faceValue * 9_500);
      expect(product.priceMinor % 100).toBe(0);
    }
  });
});
