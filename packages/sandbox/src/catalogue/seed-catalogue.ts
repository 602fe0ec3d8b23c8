import type { Product, ProductCategory, ProductType } from './product.ts';
import { createSeededRandom } from './seeded-random.ts';

interface Template {
  id: string;
  name: string;
  category: ProductCategory;
  type: ProductType;
  face: number;
  state?: 'off_shelf' | 'out_of_stock';
}

// Ids and shelf states are fixed so examples and docs can name them; the seed decides prices and stock.
const TEMPLATES: readonly Template[] = [
  { id: '10000001', name: 'Steam Wallet 50', category: 'game', type: 'card', face: 50 },
  { id: '10000002', name: 'Steam Wallet 100', category: 'game', type: 'card', face: 100 },
  { id: '10000003', name: '腾讯Q币卡 10元', category: 'game', type: 'card', face: 10 },
  { id: '10000004', name: '网易一卡通 30元', category: 'game', type: 'card', face: 30 },
  { id: '10000005', name: 'Apple Gift Card 100', category: 'game', type: 'card', face: 100 },
  { id: '10000006', name: 'Google Play 50', category: 'game', type: 'card', face: 50, state: 'off_shelf' },
  {
    id: '10000007',
    name: 'PlayStation Store 200',
    category: 'game',
    type: 'card',
    face: 200,
    state: 'out_of_stock',
  },
  { id: '10000008', name: 'Xbox Gift Card 100', category: 'game', type: 'card', face: 100 },
  { id: '10000009', name: 'Nintendo eShop 300', category: 'game', type: 'card', face: 300 },
  { id: '10000010', name: '王者荣耀 点券 60元', category: 'game', type: 'direct', face: 60 },
  { id: '10000011', name: '原神 创世结晶 328元', category: 'game', type: 'direct', face: 328 },
  { id: '10000012', name: '腾讯Q币直充 50元', category: 'game', type: 'direct', face: 50 },
  { id: '10000013', name: '中国移动话费 10元', category: 'mobile', type: 'direct', face: 10 },
  { id: '10000014', name: '中国移动话费 50元', category: 'mobile', type: 'direct', face: 50 },
  { id: '10000015', name: '中国联通话费 100元', category: 'mobile', type: 'direct', face: 100 },
  {
    id: '10000016',
    name: '中国电信话费 30元',
    category: 'mobile',
    type: 'direct',
    face: 30,
    state: 'off_shelf',
  },
  {
    id: '10000017',
    name: '中国移动话费 200元',
    category: 'mobile',
    type: 'direct',
    face: 200,
    state: 'out_of_stock',
  },
  { id: '10000018', name: '爱奇艺黄金会员 月卡', category: 'video', type: 'direct', face: 25 },
  { id: '10000019', name: '腾讯视频VIP 月卡', category: 'video', type: 'direct', face: 30 },
  { id: '10000020', name: '优酷VIP 月卡', category: 'video', type: 'card', face: 25 },
  { id: '10000021', name: '芒果TV 季卡', category: 'video', type: 'card', face: 68 },
  { id: '10000022', name: '哔哩哔哩大会员 年卡', category: 'video', type: 'direct', face: 148 },
  { id: '10000023', name: 'Netflix Gift Card 100', category: 'video', type: 'card', face: 100 },
];

/**
 * Builds the supplier's catalogue. The same seed always gives the same prices and stock; product ids,
 * names and shelf states never change (10000006 and 10000016 are off shelf, 10000007 and 10000017 are
 * out of stock).
 */
export function seedCatalogue(seed: number): Product[] {
  const random = createSeededRandom(seed);
  return TEMPLATES.map((template) => {
    // Suppliers sell at a small discount on the face value: 0.5 % to 5 %, in whole fen.
    const discountBasisPoints = random.int(50, 500);
    const priceFen = Math.round((template.face * 100 * (10_000 - discountBasisPoints)) / 10_000);
    const stock = template.type === 'card' ? random.int(50, 500) : random.int(5_000, 50_000);
    return {
      productId: template.id,
      name: template.name,
      category: template.category,
      type: template.type,
      faceValue: template.face,
      priceMinor: priceFen * 100,
      stock: template.state === 'out_of_stock' ? 0 : stock,
      onShelf: template.state !== 'off_shelf',
    };
  });
}
