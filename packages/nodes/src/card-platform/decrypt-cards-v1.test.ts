import { createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FlowDocument, Json, JsonObject, ResolvedCredential } from '@junction/runtime';
import { encryptCard } from '@junction/sandbox';
import { describe, expect, it } from 'vitest';
import { md5, sealByHand } from '../payload-crypto/test-vectors.ts';
import { createTestContext } from '../testing/create-test-context.ts';
import { type DecryptCardsConfig, decryptCardsNode } from './decrypt-cards-v1.ts';

const SECRET = '0a091b3aa4324435aab703142518a8f7';
const credential = (appSecret: string): ResolvedCredential => ({
  id: 'cp',
  kind: 'card-platform',
  data: { appKey: 'A1', appSecret, gatewayUrl: 'https://api.supplier.test/gateway' },
  allowedHosts: ['api.supplier.test'],
});

async function run(config: DecryptCardsConfig, secret = SECRET) {
  const { ctx } = createTestContext<DecryptCardsConfig>({
    config,
    credentials: { auth: credential(secret) },
  });
  return decryptCardsNode.run(ctx);
}

/** The node's config in the v1 fixture flow (written before `cipher` existed), with `=cards` resolved. */
function fixtureConfig(cards: Json): DecryptCardsConfig {
  const flow = JSON.parse(
    readFileSync(new URL('./fixtures/order-and-await.json', import.meta.url), 'utf8'),
  ) as FlowDocument;
  const config = flow.nodes.find((node) => node.type === 'cardPlatform.decryptCards')!.config as JsonObject;
  expect(config).toEqual({ cards: '=cards' });
  return { ...config, cards };
}

describe('cardPlatform.decryptCards', () => {
  it('decrypts an existing v1 config exactly as before: AES-256-ECB with the app secret (migration)', async () => {
    // The sandbox's own encryption and the old decryption written out with node:crypto.
    const cards = [
      {
        card_number: encryptCard('CN-1', SECRET),
        card_pwd: encryptCard('卡密-1', SECRET),
        card_deadline: '2027',
      },
      { card_number: encryptCard('CN-2', SECRET), card_pwd: '', card_deadline: '2027' },
    ];
    const legacy = (text: string) => {
      const decipher = createDecipheriv('aes-256-ecb', Buffer.from(SECRET), null);
      return Buffer.concat([decipher.update(Buffer.from(text, 'base64')), decipher.final()]).toString('utf8');
    };
    const expected = cards.map((card) => ({
      ...card,
      card_number: legacy(card.card_number),
      card_pwd: card.card_pwd && legacy(card.card_pwd),
    }));
    expect(await run(fixtureConfig(cards))).toEqual({ out: expected });
    expect(expected[0]).toEqual({ card_number: 'CN-1', card_pwd: '卡密-1', card_deadline: '2027' });
    expect(await run({ cards, cipher: 'aes-256-ecb-secret' })).toEqual({ out: expected });
  });

  it('decrypts another supplier convention given as a preset or a recipe', async () => {
    const secret = 'short-app-secret';
    const cards = [{ card_number: sealByHand('aes-128-ecb', md5(secret), null, 'CN-9'), card_pwd: 'x' }];
    cards[0]!.card_pwd = sealByHand('aes-128-ecb', md5(secret), null, 'PWD-9');
    const plain = [{ card_number: 'CN-9', card_pwd: 'PWD-9' }];
    expect(await run({ cards, cipher: 'aes-128-ecb-md5-key' }, secret)).toEqual({ out: plain });
    const recipe = { algorithm: 'aes-128', mode: 'ecb', key: { digest: 'md5' } } as const;
    expect(await run({ cards, cipher: recipe }, secret)).toEqual({ out: plain });
  });

  it('fails coded and non-retryable, naming the card field, a wrong secret or a corrupted value', async () => {
    const cards = [{ card_number: encryptCard('CN-1', SECRET), card_pwd: encryptCard('P', 'f'.repeat(32)) }];
    const error = await run({ cards }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'JX_CARD_DECRYPT_FAILED',
      details: { pointer: '/cards/0/card_pwd', retryable: false },
    });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain(cards[0]!.card_pwd);
    await expect(run({ cards }, 'short')).rejects.toMatchObject({
      code: 'JX_CREDENTIAL_INVALID',
      details: { field: 'appSecret', keyLength: 5, retryable: false },
    });
    // Nothing encrypted, nothing keyed: a card-less order passes whatever the secret.
    expect(await run({ cards: [{ card_number: '', card_pwd: '' }] }, 'short')).toEqual({
      out: [{ card_number: '', card_pwd: '' }],
    });
  });

  it('refuses on validation a cipher that names its own fields', () => {
    expect(
      decryptCardsNode.configProblems?.({
        cards: [],
        cipher: { algorithm: 'aes-256', mode: 'ecb', fields: ['/x'] },
      }),
    ).toEqual([expect.objectContaining({ pointer: '/cipher/fields' })]);
  });
});
