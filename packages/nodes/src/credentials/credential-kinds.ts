import type { JsonSchema } from '@junction/runtime';
import { SIGNING_PRESETS } from '../signing/presets.ts';
import { SIGNING_RECIPE_SCHEMA } from '../signing/recipe-schema.ts';

/** A credential kind as the editor and server see it: a form for its fields and what it can do. */
export interface CredentialKindDescriptor {
  kind: string;
  title: string;
  description: string;
  /** JSON Schema of the credential's fields; secret fields carry `"x-secret": true` and `writeOnly: true`. */
  schema: JsonSchema;
}

const secret = (title: string, description: string): JsonSchema => ({
  type: 'string',
  title,
  description,
  minLength: 1,
  writeOnly: true,
  'x-secret': true,
});

/**
 * The fixed IV a payload cipher reads when its recipe says `iv: {from: 'credential'}` (field `iv` by
 * default). Kept as a secret like the key it goes with: write-only, encrypted at rest, never shown.
 */
const IV_FIELD: JsonSchema = secret(
  'IV (payload cipher)',
  'The fixed initialisation vector of the payload cipher, for recipes whose IV comes from the credential; as the recipe reads it: text, hex or Base64. Leave empty when the IV is the key, prepended or in the payload.',
);

const option = (value: string, title: string): JsonSchema => ({ const: value, title });

const AFFIX: JsonSchema = {
  type: 'array',
  items: {
    oneOf: [
      option('secret', 'The secret'),
      option('key-secret', '"&key=" and the secret'),
      option('timestamp', 'The timestamp'),
    ],
  },
};

/** Every credential kind the built-in nodes understand. */
export const credentialKinds: CredentialKindDescriptor[] = [
  {
    kind: 'bearer',
    title: 'Bearer token',
    description: 'Sends "Authorization: Bearer <token>".',
    schema: {
      type: 'object',
      required: ['token'],
      properties: { token: secret('Token', 'The API token, sent as a bearer token.') },
    },
  },
  {
    kind: 'basic',
    title: 'Basic auth',
    description: 'Sends "Authorization: Basic …" with a user name and password.',
    schema: {
      type: 'object',
      required: ['username'],
      properties: {
        username: { type: 'string', title: 'User name', minLength: 1 },
        password: secret('Password', 'Sent base64-encoded with the user name.'),
      },
    },
  },
  {
    kind: 'hmac-header',
    title: 'HMAC signature header',
    description: 'HMAC-SHA256 of "[timestamp.]body" in a header (GitHub / Stripe style webhooks).',
    schema: {
      type: 'object',
      required: ['secret'],
      properties: {
        secret: secret('Signing secret', 'The shared HMAC key.'),
        headerName: {
          type: 'string',
          title: 'Signature header',
          default: 'X-Signature',
          examples: ['X-Hub-Signature-256'],
        },
        prefix: { type: 'string', title: 'Signature prefix', default: '', examples: ['sha256='] },
        encoding: {
          title: 'Encoding',
          default: 'hex',
          oneOf: [option('hex', 'Hex (lowercase)'), option('base64', 'Base64')],
        },
        timestampHeader: {
          type: 'string',
          title: 'Timestamp header',
          description: 'When set, the Unix-seconds timestamp in this header is signed as "timestamp.body".',
          default: '',
          examples: ['X-Timestamp'],
        },
        toleranceSeconds: { type: 'integer', title: 'Timestamp tolerance (s)', default: 300, minimum: 0 },
      },
    },
  },
  {
    kind: 'card-platform',
    title: 'Card platform (AppKey / AppSecret)',
    description:
      'Gateway-style supplier: compact JSON without sign, characters sorted, secret appended, MD5 lowercase hex.',
    schema: {
      type: 'object',
      required: ['appKey', 'appSecret', 'gatewayUrl'],
      properties: {
        appKey: { type: 'string', title: 'App key', minLength: 1 },
        appSecret: secret('App secret', 'Signs requests and decrypts card numbers and passwords.'),
        gatewayUrl: {
          type: 'string',
          title: 'Gateway URL',
          format: 'uri',
          examples: ['https://api.supplier.example/api/gateway'],
        },
        iv: IV_FIELD,
      },
    },
  },
  {
    kind: 'signature',
    title: 'Request signature (configurable)',
    description:
      'Describes supplier signing schemes without code: a preset, a signing recipe (parts, order, joining, hash, encoding, placement), or the flat fields below.',
    schema: {
      type: 'object',
      properties: {
        secret: secret('Secret', 'The signing secret (the key for HMAC hashes).'),
        iv: IV_FIELD,
        preset: {
          title: 'Preset',
          description: 'A built-in signing scheme; leave empty to use the recipe or the fields below.',
          default: '',
          oneOf: [option('', 'None'), ...SIGNING_PRESETS.map((preset) => option(preset.id, preset.title))],
        },
        recipe: {
          ...SIGNING_RECIPE_SCHEMA,
          description:
            'The signing scheme as data. When set, it replaces the preset and the flat fields below.',
        },
        charset: {
          type: 'string',
          title: 'Charset of the signed bytes and bodies',
          description:
            "The charset the canonical string is hashed in, overriding the recipe's or the preset's (default utf-8): gbk for platforms that sign the GBK bytes they send. A received raw body is hashed as its bytes arrived. Bodies this credential signs or verifies (http.request responses, webhook and callback bodies) are read in it where their Content-Type names no charset, or says UTF-8 over bytes that are not UTF-8; a node's response charset wins over it.",
          default: '',
          examples: ['gbk', 'gb18030'],
        },
        privateKey: secret(
          'Private key (RSA)',
          'The merchant private key for rsa-* recipes: PEM (PKCS#1 or PKCS#8) or Base64 DER.',
        ),
        publicKey: {
          type: 'string',
          title: 'Platform public key (RSA)',
          description:
            "The platform's public key, to verify its rsa-* signed notifications: PEM or Base64 DER.",
        },
        appKey: {
          type: 'string',
          title: 'App key',
          description: 'Added to the parameters when "App key field" is set.',
        },
        appKeyField: { type: 'string', title: 'App key field', default: '', examples: ['app_key', 'appid'] },
        paramsFrom: {
          title: 'Signed parameters come from',
          default: 'body',
          oneOf: [option('body', 'The body fields'), option('query', 'The query parameters')],
        },
        signedFields: {
          type: 'array',
          title: 'Signed fields',
          description: 'Leave empty to sign every parameter except the signature.',
          items: { type: 'string' },
          default: [],
        },
        excludeEmpty: { type: 'boolean', title: 'Skip empty values', default: false },
        sort: {
          title: 'Order',
          default: 'key-asc',
          oneOf: [
            option('key-asc', 'By name, ascending'),
            option('none', 'As sent'),
            option('listed', 'As listed'),
          ],
        },
        join: {
          title: 'Join',
          default: 'pairs',
          oneOf: [
            option('pairs', 'k=v&k=v'),
            option('concat', 'kvkv'),
            option('sorted-chars', 'Sorted characters of the compact JSON'),
          ],
        },
        prepend: { ...AFFIX, title: 'Prepend', default: [] },
        append: { ...AFFIX, title: 'Append', default: ['secret'] },
        hash: {
          title: 'Hash',
          default: 'md5',
          oneOf: [
            option('md5', 'MD5'),
            option('sha1', 'SHA-1'),
            option('sha256', 'SHA-256'),
            option('hmac-sha1', 'HMAC-SHA1'),
            option('hmac-sha256', 'HMAC-SHA256'),
          ],
        },
        encoding: {
          title: 'Encoding',
          default: 'hex-lower',
          oneOf: [
            option('hex-lower', 'hex, lowercase'),
            option('hex-upper', 'HEX, uppercase'),
            option('base64', 'Base64'),
          ],
        },
        placement: {
          title: 'Signature goes in',
          default: 'body',
          oneOf: [
            option('body', 'A body field'),
            option('header', 'A header'),
            option('query', 'A query parameter'),
          ],
        },
        signatureField: { type: 'string', title: 'Signature field / header name', default: 'sign' },
        timestampField: { type: 'string', title: 'Timestamp field', default: '', examples: ['timestamp'] },
        timestampFormat: {
          title: 'Timestamp format',
          default: 'unix-seconds',
          oneOf: [
            option('unix-seconds', 'Unix seconds'),
            option('unix-ms', 'Unix milliseconds'),
            option('datetime', 'yyyy-MM-dd HH:mm:ss'),
            option('iso', 'ISO 8601'),
          ],
        },
        utcOffsetMinutes: {
          type: 'integer',
          title: 'Time zone offset (minutes east of UTC)',
          description: 'For the yyyy-MM-dd HH:mm:ss format; 480 = UTC+8.',
          default: 0,
        },
        nonceField: {
          type: 'string',
          title: 'Nonce field',
          description: 'Adds a random nonce when set.',
          default: '',
        },
        toleranceSeconds: { type: 'integer', title: 'Timestamp tolerance (s)', default: 300, minimum: 0 },
        requireTimestamp: {
          type: 'boolean',
          title: 'Refuse incoming messages without a timestamp',
          default: true,
        },
      },
    },
  },
];
