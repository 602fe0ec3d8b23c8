import { readFileSync } from 'node:fs';
import {
  createEngine,
  createMemoryStore,
  type FlowDocument,
  type Json,
  type ResolvedCredential,
  validateFlow,
} from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../registry/create-builtin-registry.ts';
import { createTestContext } from '../testing/create-test-context.ts';
import type { PayloadCipher } from './cipher-types.ts';
import { type PayloadDecryptConfig, payloadDecryptNode } from './decrypt-node-v1.ts';
import { md5, sealByHand } from './test-vectors.ts';

// The supplier: card numbers and passwords AES-128-ECB/PKCS#7/Base64 under the MD5 of
// its app secret, made here with node:crypto directly.
const SECRET = 'mall-app-secret-2f9c';
const KEY = md5(SECRET);
const seal = (plain: string) => sealByHand('aes-128-ecb', KEY, null, plain);
const credential: ResolvedCredential = {
  id: 'supplier',
  kind: 'card-platform',
  data: { appKey: 'A1', appSecret: SECRET, gatewayUrl: 'https://api.supplier.test/gateway' },
  allowedHosts: ['api.supplier.test'],
};
const payload = {
  orderNo: 'SO-1',
  cards: [
    { cardNo: seal('CN-0001'), cardPwd: seal('PWD-7f3a9c2e'), deadline: '2027-12-31' },
    { cardNo: seal('CN-0002'), cardPwd: seal('PWD-81bd004a'), deadline: '2027-12-31' },
  ],
};

async function run(config: PayloadDecryptConfig, input: Json = payload) {
  const { ctx } = createTestContext<PayloadDecryptConfig>({
    config,
    input,
    credentials: { auth: credential },
  });
  return payloadDecryptNode.run(ctx);
}

describe('payload.decrypt', () => {
  it('decrypts the named fields with * over the array, leaves the rest and the input as they were', async () => {
    const before = structuredClone(payload);
    const result = await run({
      cipher: 'aes-128-ecb-md5-key',
      fields: ['/cards/*/cardNo', '/cards/*/cardPwd'],
    });
    expect(result).toEqual({
      out: {
        orderNo: 'SO-1',
        cards: [
          { cardNo: 'CN-0001', cardPwd: 'PWD-7f3a9c2e', deadline: '2027-12-31' },
          { cardNo: 'CN-0002', cardPwd: 'PWD-81bd004a', deadline: '2027-12-31' },
        ],
      },
      plain: {
        '/cards/0/cardNo': 'CN-0001',
        '/cards/1/cardNo': 'CN-0002',
        '/cards/0/cardPwd': 'PWD-7f3a9c2e',
        '/cards/1/cardPwd': 'PWD-81bd004a',
      },
    });
    expect(payload).toEqual(before);
  });

  it('reads an IV beside each field, and JSON plaintext, from a recipe', async () => {
    const iv = (n: number) => Buffer.alloc(16, n);
    const input = {
      items: [0, 1].map((n) => ({
        iv: iv(n).toString('hex'),
        secret: sealByHand('aes-128-cbc', KEY, iv(n), JSON.stringify({ pin: n })),
      })),
    };
    const cipher: PayloadCipher = {
      algorithm: 'aes-128',
      mode: 'cbc',
      key: { digest: 'md5' },
      iv: { from: 'payload', pointer: '/items/*/iv', read: 'hex' },
      plaintext: 'json',
      fields: ['/items/*/secret'],
    };
    const result = (await run({ cipher }, input)) as { out: { items: { secret: Json }[] } };
    expect(result.out.items.map((item) => item.secret)).toEqual([{ pin: 0 }, { pin: 1 }]);
  });

  it('fails a field that does not decrypt with a coded, non-retryable error naming it and nothing secret', async () => {
    const broken = structuredClone(payload);
    const ciphertext = sealByHand('aes-128-ecb', Buffer.alloc(16, 7), null, 'PWD-other-key');
    broken.cards[1]!.cardPwd = ciphertext;
    const error = await run({ cipher: 'aes-128-ecb-md5-key', fields: ['/cards/*/cardPwd'] }, broken).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'JX_DECRYPT_FAILED',
      details: { pointer: '/cards/1/cardPwd', retryable: false },
    });
    const shown = JSON.stringify({ message: (error as Error).message, error });
    for (const secret of [SECRET, KEY.toString('hex'), KEY.toString('base64'), ciphertext]) {
      expect(shown).not.toContain(secret);
    }
    await expect(run({ cipher: 'aes-128-ecb-md5-key', fields: ['/orderNo'] })).rejects.toMatchObject({
      code: 'JX_DECRYPT_FAILED',
      details: { pointer: '/orderNo', reason: 'encoding' },
    });
  });

  it('refuses a recipe that cannot work when the flow is validated, with a pointer to the part', () => {
    const flow = JSON.parse(
      readFileSync(new URL('./fixtures/decrypt-supplier-cards.json', import.meta.url), 'utf8'),
    ) as FlowDocument;
    const kinds = { credentialKind: () => 'card-platform' };
    expect(validateFlow(flow, createBuiltinRegistry(), kinds)).toEqual([]);
    const node = flow.nodes[1]!;
    node.config = {
      cipher: { algorithm: 'aes-128', mode: 'gcm', iv: { from: 'prepended' }, key: { digest: 'sha256' } },
    };
    const problems = validateFlow(flow, createBuiltinRegistry(), kinds);
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['JX_CONFIG', '/nodes/1/config/cipher/tag'],
      ['JX_CONFIG', '/nodes/1/config/cipher/key'],
    ]);
    node.config = { cipher: '=$cipherFromVariables' };
    expect(validateFlow(flow, createBuiltinRegistry(), kinds)).toEqual([]);
  });

  it('runs in a flow: downstream nodes get the plaintexts, the journal holds them only sealed', async () => {
    const flow = JSON.parse(
      readFileSync(new URL('./fixtures/decrypt-supplier-cards.json', import.meta.url), 'utf8'),
    ) as FlowDocument;
    const store = createMemoryStore();
    const sealer = {
      seal: (plain: string) => Buffer.from(plain, 'utf8').toString('base64url'),
      open: (token: string) => Buffer.from(token, 'base64url').toString('utf8'),
    };
    const engine = createEngine({
      store,
      registry: createBuiltinRegistry(),
      sealer,
      credentials: { resolve: async (id) => (id === 'supplier' ? credential : undefined) },
    });
    const handle = await engine.start(flow, { input: payload });
    const done = await handle.done;
    expect(done.status).toBe('succeeded');
    expect(done.output).toEqual({ message: '卡密 PWD-7f3a9c2e', orderNo: 'SO-1' });
    const stored = JSON.stringify([await store.getRun(handle.id), await store.readJournal(handle.id)]);
    for (const plain of ['PWD-7f3a9c2e', 'PWD-81bd004a', 'CN-0001', SECRET, KEY.toString('hex')]) {
      expect(stored).not.toContain(plain);
    }
    expect(stored).toContain('SO-1');
    await engine.stop();
  });
});
