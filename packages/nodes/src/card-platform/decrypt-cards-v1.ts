import { defineNode, type Json, JunctionError } from '@junction/runtime';
import { requireField } from '../credentials/credential-fields.ts';
import { checkCipherChoice } from '../payload-crypto/check-cipher.ts';
import { cipherConfigProperty } from '../payload-crypto/cipher-config.ts';
import type { CipherChoice } from '../payload-crypto/cipher-types.ts';
import { decryptFields } from '../payload-crypto/decrypt-fields.ts';
import { cardCipher, DEFAULT_CARD_CIPHER } from './card-cipher.ts';
import { CARD_PLATFORM_CREDENTIALS } from './node-support.ts';

/** Config of `cardPlatform.decryptCards`; without `cipher`, AES-256-ECB with the app secret. */
export type DecryptCardsConfig = { cards: Json; cipher?: CipherChoice };

const CARD_FIELDS = ['/*/card_number', '/*/card_pwd'];

/**
 * `cardPlatform.decryptCards`: decrypts `card_number` and `card_pwd` of delivered cards with a key derived
 * from the app secret, by the payload cipher `cipher` (default: AES-256-ECB, the secret as key).
 * The output holds the plain card keys (the goods the merchant bought), so route it only where they belong.
 * They are declared sensitive: the server stores them sealed with its master key, wherever they are copied.
 */
export const decryptCardsNode = defineNode<DecryptCardsConfig>({
  type: 'cardPlatform.decryptCards',
  version: 1,
  sideEffects: false,
  title: 'Card platform: decrypt cards',
  category: 'integration',
  description: 'Decrypt card numbers and passwords of a successful card order.',
  icon: '🔓',
  inputs: ['in'],
  outputs: ['out', 'error'],
  credentials: CARD_PLATFORM_CREDENTIALS,
  sensitiveOutputs: ['/out/*/card_number', '/out/*/card_pwd'],
  config: {
    type: 'object',
    required: ['cards'],
    additionalProperties: false,
    properties: {
      cards: {
        title: 'Cards',
        description: 'The encrypted cards, usually the "cards" array of a queried order or callback.',
        default: '=cards',
        examples: ['=cards', '=$nodes.queryOrder.out.cards'],
      },
      cipher: cipherConfigProperty(
        'How the supplier encrypts the cards: a preset or a payload cipher recipe. Default: AES-256-ECB with the app secret.',
        DEFAULT_CARD_CIPHER,
      ),
    },
  },
  configProblems: (config) => {
    if (config.cipher === undefined) return [];
    const problems = checkCipherChoice(config.cipher, '/cipher');
    if (typeof config.cipher === 'object' && config.cipher.fields) {
      problems.push({
        pointer: '/cipher/fields',
        message:
          'is not for this node (it decrypts card_number and card_pwd); use payload.decrypt for other fields',
      });
    }
    return problems;
  },
  outputSchema: {
    out: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          card_number: { type: 'string' },
          card_pwd: { type: 'string' },
          card_deadline: { type: 'string' },
        },
      },
    },
  },
  run(ctx) {
    const credential = ctx.credentials.auth;
    if (!credential) {
      throw new JunctionError(
        'JX_CREDENTIAL_MISSING',
        'Pick the card-platform credential that placed the order.',
        { slot: 'auth', retryable: false },
      );
    }
    requireField(credential, 'appSecret');
    const cards = ctx.config.cards;
    if (!Array.isArray(cards)) {
      const got = cards === null ? 'null' : typeof cards;
      throw new JunctionError('JX_INPUT_INVALID', `cards must be an array, got ${got}.`, {
        field: 'cards',
        got,
        retryable: false,
      });
    }
    cards.forEach((card, index) => {
      if (typeof card !== 'object' || card === null || Array.isArray(card)) {
        throw new JunctionError('JX_INPUT_INVALID', `cards[${index}] must be an object.`, {
          field: `cards[${index}]`,
          retryable: false,
        });
      }
    });
    const cipher = () => cardCipher(ctx.config.cipher ?? DEFAULT_CARD_CIPHER, credential.data);
    const iv = typeof ctx.config.cipher === 'object' ? ctx.config.cipher.iv : undefined;
    const out = decryptFields(cards, CARD_FIELDS, cipher, {
      code: 'JX_CARD_DECRYPT_FAILED',
      keepNonText: true,
      pointerPrefix: '/cards',
      ...(iv?.from === 'payload' ? { ivPointer: iv.pointer } : {}),
    }).value;
    return { out };
  },
});
