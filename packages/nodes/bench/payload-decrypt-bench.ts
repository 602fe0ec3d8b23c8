// `pnpm --filter @junction/nodes bench`: decrypting 1,000 payload fields (500 cards, number and
// password) the way payload.decrypt does it — recipe compiled once, key derived per run, fields
// found by pointer, a copy written — next to a hand-written node:crypto loop over the same
// ciphertexts in the same run. Target: under 20 ms per 1,000 fields (one thread, so one core).
// Not a test: the figures depend on the machine; the ratio to the baseline is what travels.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Json } from '@junction/runtime';
import { cachedCipher, keyCipher } from '../src/payload-crypto/compile-cipher.ts';
import { decryptFields } from '../src/payload-crypto/decrypt-fields.ts';

const FIELDS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 31);
const TARGET_MS = 20;
const SECRET = '0a091b3aa4324435aab703142518a8f7';

type Case = {
  preset: string;
  name: string;
  key: Buffer;
  seal: (plain: string) => string;
  open: (text: string) => string;
};

const aes = (name: string, key: Buffer, ivBytes = 0, tag = false) => ({
  seal(plain: string) {
    const iv = ivBytes ? randomBytes(ivBytes) : null;
    const cipher = createCipheriv(name, key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = tag ? (cipher as unknown as { getAuthTag(): Buffer }).getAuthTag() : Buffer.alloc(0);
    return Buffer.concat([iv ?? Buffer.alloc(0), body, mac]).toString('base64');
  },
  open(text: string) {
    const bytes = Buffer.from(text, 'base64');
    const iv = ivBytes ? bytes.subarray(0, ivBytes) : null;
    const end = tag ? bytes.length - 16 : bytes.length;
    const decipher = createDecipheriv(name, key, iv);
    if (tag) (decipher as unknown as { setAuthTag(t: Buffer): void }).setAuthTag(bytes.subarray(end));
    return Buffer.concat([decipher.update(bytes.subarray(ivBytes, end)), decipher.final()]).toString('utf8');
  },
});

const md5Key = createHash('md5').update(SECRET).digest();
const CASES: Case[] = [
  {
    preset: 'aes-256-ecb-secret',
    name: 'aes-256-ecb',
    key: Buffer.from(SECRET),
    ...aes('aes-256-ecb', Buffer.from(SECRET)),
  },
  { preset: 'aes-128-ecb-md5-key', name: 'aes-128-ecb', key: md5Key, ...aes('aes-128-ecb', md5Key) },
  {
    preset: 'aes-256-gcm-tag-appended',
    name: 'aes-256-gcm',
    key: Buffer.from(SECRET),
    ...aes('aes-256-gcm', Buffer.from(SECRET), 12, true),
  },
];

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(work: () => void): number {
  for (let i = 0; i < 5; i++) work(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

const rows: string[] = [];
let worst = 0;
for (const c of CASES) {
  const cards = Array.from({ length: FIELDS / 2 }, (_, i) => ({
    card_number: c.seal(`CN-${String(i).padStart(8, '0')}`),
    card_pwd: c.seal(`PWD-${i.toString(16).padStart(10, '0')}`),
    card_deadline: '2027-12-31',
  }));
  const payload = { orderNo: 'SO-1', cards } as Json;
  const compiled = cachedCipher(c.preset);
  const credential = { appSecret: SECRET };
  const recipe = time(() => {
    decryptFields(payload, ['/cards/*/card_number', '/cards/*/card_pwd'], keyCipher(compiled, credential));
  });
  const baseline = time(() => {
    const out = structuredClone(cards);
    for (const card of out) {
      card.card_number = c.open(card.card_number);
      card.card_pwd = c.open(card.card_pwd);
    }
  });
  worst = Math.max(worst, recipe);
  rows.push(
    `| ${c.preset} | ${recipe.toFixed(2)} | ${baseline.toFixed(2)} | ${(recipe / baseline).toFixed(2)} |`,
  );
}

console.log(
  [
    `### Payload decryption: ${FIELDS.toLocaleString('en')} fields (median of ${RUNS} runs, ms)`,
    '',
    '| preset | payload cipher recipe | node:crypto by hand | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Target < ${TARGET_MS} ms per ${FIELDS.toLocaleString('en')} fields: ${worst < TARGET_MS ? 'met' : 'NOT met'} (slowest ${worst.toFixed(2)} ms).`,
  ].join('\n'),
);
