import type { JsonSchema } from '@junction/runtime';

// The JSON Schema of a payload cipher recipe (cipher-types.ts), labelled for the inspector form.
// Structure only: what needs two parts together (a key length for the algorithm, GCM and its tag,
// the IV's field for its source) is check-cipher.ts's business.

type Choice = readonly [value: string, title: string];

const field = (title: string, description: string, schema: JsonSchema): JsonSchema => ({
  title,
  description,
  ...schema,
});
const choice = (title: string, description: string, options: readonly Choice[]): JsonSchema =>
  field(title, description, { oneOf: options.map(([value, label]) => ({ const: value, title: label })) });

const READ: readonly Choice[] = [
  ['utf8', 'UTF-8'],
  ['hex', 'Hex'],
  ['base64', 'Base64'],
];

/** JSON Schema of {@link PayloadCipher}. */
export const PAYLOAD_CIPHER_SCHEMA: JsonSchema = {
  type: 'object',
  title: 'Recipe',
  additionalProperties: false,
  required: ['algorithm', 'mode'],
  properties: {
    algorithm: choice(
      'Algorithm',
      'The block cipher; the key size follows (AES-128: 16 bytes, AES-192: 24, AES-256: 32, SM4: 16, 3DES: 24).',
      [
        ['aes-128', 'AES-128'],
        ['aes-192', 'AES-192'],
        ['aes-256', 'AES-256'],
        ['sm4', 'SM4'],
        ['3des', '3DES (DESede)'],
      ],
    ),
    mode: choice('Mode', 'How blocks are chained; GCM also authenticates (AES only) and needs a tag.', [
      ['ecb', 'ECB'],
      ['cbc', 'CBC'],
      ['ctr', 'CTR'],
      ['gcm', 'GCM'],
    ]),
    padding: choice(
      'Padding',
      'How the last block is filled: PKCS#7 (default for ECB and CBC), zero bytes, or none (CTR and GCM).',
      [
        ['pkcs7', 'PKCS#7 (PKCS#5)'],
        ['zero', 'Zero bytes'],
        ['none', 'None'],
      ],
    ),
    iv: field('IV', 'Where the initialisation vector comes from (CBC, CTR and GCM; ECB has none).', {
      type: 'object',
      additionalProperties: false,
      required: ['from'],
      properties: {
        from: choice(
          'From',
          'A credential field, the key itself (its first bytes), the front of the ciphertext, or a field of the payload.',
          [
            ['credential', 'A credential field'],
            ['key', 'Equal to the key'],
            ['prepended', 'Prepended to the ciphertext'],
            ['payload', 'A field of the payload'],
          ],
        ),
        field: field(
          'Credential field',
          'The credential field holding the IV (from a credential field); default iv, the IV field of the card-platform and signature credentials.',
          {
            type: 'string',
            minLength: 1,
          },
        ),
        pointer: field(
          'Payload field',
          'JSON pointer of the IV in the payload; its * stand for the same indices as in the field decrypted.',
          { type: 'string', pattern: '^/' },
        ),
        read: choice('Read as', 'How the IV text becomes bytes: UTF-8 (default), hex or Base64.', READ),
      },
    }),
    tag: field('GCM tag', 'The authentication tag of GCM: its length and where it sits.', {
      type: 'object',
      additionalProperties: false,
      required: ['length', 'position'],
      properties: {
        length: field('Length (bytes)', 'The tag length, usually 16.', {
          type: 'integer',
          minimum: 12,
          maximum: 16,
        }),
        position: choice('Position', 'Where the tag sits in the ciphertext.', [
          ['appended', 'After the ciphertext'],
          ['prepended', 'Before the ciphertext'],
        ]),
      },
    }),
    key: field(
      'Key derivation',
      "How the key comes from the credential's secret: read, optionally digested, optionally sliced. Default: the secret's UTF-8 bytes.",
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          field: field(
            'Secret field',
            'The credential field holding the secret; default appSecret, else secret.',
            {
              type: 'string',
              minLength: 1,
            },
          ),
          read: choice('Read as', 'How the secret text becomes bytes: UTF-8 (default), hex or Base64.', READ),
          digest: choice('Digest', 'Hash the secret first.', [
            ['md5', 'MD5'],
            ['sha1', 'SHA-1'],
            ['sha256', 'SHA-256'],
          ]),
          digestAs: choice('Digest as', "The digest's raw bytes (default) or its lowercase hex text.", [
            ['raw', 'Raw bytes'],
            ['hex', 'Hex text'],
          ]),
          slice: field('Slice', 'Keep only some of the bytes, e.g. the first 16.', {
            type: 'object',
            additionalProperties: false,
            properties: {
              start: field('Start', 'The first byte kept (default 0).', { type: 'integer', minimum: 0 }),
              length: field('Length', 'How many bytes are kept (default: to the end).', {
                type: 'integer',
                minimum: 1,
              }),
            },
          }),
        },
      },
    ),
    encoding: choice(
      'Ciphertext encoding',
      'How the ciphertext is written: Base64 (default), Base64url or hex.',
      [
        ['base64', 'Base64'],
        ['base64url', 'Base64url'],
        ['hex', 'Hex'],
      ],
    ),
    plaintext: choice('Plaintext', 'Text (default), or JSON parsed after decryption.', [
      ['text', 'Text'],
      ['json', 'JSON'],
    ]),
    fields: field('Fields', 'JSON pointers of the encrypted fields, * over arrays (e.g. /cards/*/cardPwd).', {
      type: 'array',
      items: { type: 'string', pattern: '^/' },
    }),
  },
};
