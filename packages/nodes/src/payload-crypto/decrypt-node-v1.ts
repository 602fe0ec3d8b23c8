import { defineNode, type Json, JunctionError } from '@junction/runtime';
import { checkCipherChoice } from './check-cipher.ts';
import { cipherConfigProperty } from './cipher-config.ts';
import type { CipherChoice } from './cipher-types.ts';
import { cachedCipher, keyCipher } from './compile-cipher.ts';
import { decryptFields } from './decrypt-fields.ts';

/** Config of `payload.decrypt` v1. */
export type PayloadDecryptConfig = {
  cipher: CipherChoice;
  /** The fields to decrypt; default the recipe's `fields`. */
  fields?: string[];
  /** What to decrypt; default the node input. */
  value?: Json;
};

/**
 * `payload.decrypt`: decrypts the named fields of its input (or `value`) with a payload cipher
 * recipe keyed by the credential's secret; the key is derived inside this step and goes nowhere
 * else. `out` is the value with the plaintexts in place, `plain` the plaintexts by pointer. Both
 * hold what the supplier protected, so the plaintexts are declared sensitive: the server stores
 * them sealed wherever they are copied.
 */
export const payloadDecryptNode = defineNode<PayloadDecryptConfig>({
  type: 'payload.decrypt',
  version: 1,
  sideEffects: false,
  title: 'Decrypt fields',
  category: 'transform',
  description: 'Decrypt encrypted fields of a payload (AES, SM4, 3DES) with a credential secret.',
  icon: '🔓',
  inputs: ['in'],
  outputs: ['out', 'plain', 'error'],
  credentials: {
    auth: {
      kinds: ['card-platform', 'signature'],
      title: 'Key credential',
      description:
        'The credential whose secret the key is derived from (appSecret, or the field the cipher names).',
    },
  },
  sensitiveOutputs: ['/plain'],
  config: {
    type: 'object',
    required: ['cipher'],
    additionalProperties: false,
    properties: {
      cipher: cipherConfigProperty(
        'A preset or a payload cipher recipe (algorithm, mode, padding, IV, key, encoding).',
      ),
      fields: {
        type: 'array',
        title: 'Fields',
        description: "JSON pointers of the encrypted fields, * over arrays; default the recipe's fields.",
        items: { type: 'string', pattern: '^/' },
        examples: [['/cards/*/cardNo', '/cards/*/cardPwd']],
      },
      value: {
        title: 'Value',
        description: 'What to decrypt. Default: the node input.',
        'x-expression': true,
        examples: ['=$nodes.queryOrder.out'],
      },
    },
  },
  configProblems: (config) => checkCipherChoice(config.cipher, '/cipher'),
  run(ctx) {
    const credential = ctx.credentials.auth;
    if (!credential) {
      throw new JunctionError(
        'JX_CREDENTIAL_MISSING',
        `Node ${ctx.node.id} needs the credential holding the key in its "auth" slot.`,
        { nodeId: ctx.node.id, slot: 'auth', retryable: false },
      );
    }
    const compiled = cachedCipher(ctx.config.cipher);
    const fields = ctx.config.fields ?? compiled.recipe.fields;
    if (!fields || fields.length === 0) {
      throw new JunctionError(
        'JX_CONFIG_INVALID',
        `Node ${ctx.node.id} decrypts nothing: name the fields (JSON pointers) in "fields" or in the cipher.`,
        { nodeId: ctx.node.id, field: 'fields', retryable: false },
      );
    }
    const iv = compiled.recipe.iv;
    const { value, plain } = decryptFields(
      ctx.config.value === undefined ? ctx.input : ctx.config.value,
      fields,
      keyCipher(compiled, credential.data),
      iv?.from === 'payload' ? { ivPointer: iv.pointer } : {},
    );
    return { out: value, plain };
  },
});
