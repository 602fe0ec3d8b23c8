import { defineNode, type Json, JunctionError } from '@junction/runtime';
import { requireField } from '../credentials/credential-fields.ts';
import { decryptCardField } from './card-cipher.ts';
import { CARD_PLATFORM_CREDENTIALS } from './node-support.ts';

/** Config of `cardPlatform.decryptCards`. */
export type DecryptCardsConfig = { cards: Json };

/**
 * `cardPlatform.decryptCards`: decrypts `card_number` and `card_pwd` of delivered cards with the app secret.
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
    },
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
    const secret = requireField(credential, 'appSecret');
    const cards = ctx.config.cards;
    if (!Array.isArray(cards)) {
      const got = cards === null ? 'null' : typeof cards;
      throw new JunctionError('JX_INPUT_INVALID', `cards must be an array, got ${got}.`, {
        field: 'cards',
        got,
        retryable: false,
      });
    }
    const out = cards.map((card, index) => {
      if (typeof card !== 'object' || card === null || Array.isArray(card)) {
        throw new JunctionError('JX_INPUT_INVALID', `cards[${index}] must be an object.`, {
          field: `cards[${index}]`,
          retryable: false,
        });
      }
      const plain: Record<string, Json> = { ...card };
      for (const field of ['card_number', 'card_pwd']) {
        const value = card[field];
        if (typeof value === 'string' && value !== '') plain[field] = decryptCardField(value, secret);
      }
      return plain;
    });
    return { out };
  },
});
