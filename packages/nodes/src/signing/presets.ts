import { cardPlatformSpec } from '../credentials/signature-spec.ts';
import type { SigningRecipe } from './recipe-types.ts';
import { specToRecipe } from './spec-to-recipe.ts';

/** A named signing scheme of a public platform family, as a recipe a credential can start from. */
export interface SigningPreset {
  id: string;
  title: string;
  /** The scheme in one sentence, as the platform's documentation states it. */
  description: string;
  recipe: SigningRecipe;
}

/**
 * The built-in presets. Each is plain data — the same recipe a merchant could write — and each has
 * a known-answer test computed from the platform's published description (presets.test.ts).
 */
export const SIGNING_PRESETS: readonly SigningPreset[] = [
  {
    id: 'card-platform',
    title: 'Card platform (sorted characters + secret, MD5)',
    description:
      'Compact JSON of the parameters without sign, its characters sorted, the secret appended, MD5 lowercase hex in the body field sign.',
    recipe: specToRecipe(cardPlatformSpec(), false),
  },
  {
    id: 'kv-concat-timestamp-md5',
    title: 'key+value concatenated, timestamp, secret (MD5)',
    description:
      'Body parameters sorted by name written as key+value with no separators, then the timestamp, then the secret; MD5 lowercase hex in the query parameter sign.',
    recipe: {
      parts: [
        { type: 'params', from: 'body', join: 'concat' },
        { type: 'text', template: '{timestamp}{secret}' },
      ],
      algorithm: 'md5',
      encoding: 'hex-lower',
      signature: [{ in: 'query', name: 'sign' }],
      appKey: { in: 'query', name: 'appKey' },
      timestamp: { place: { in: 'query', name: 'timestamp' }, format: 'unix-seconds' },
    },
  },
  {
    id: 'header-pairs-raw-body-md5',
    title: 'Signed headers, raw body, key (MD5 upper, header sign)',
    description:
      'The headers businessId, nonce, signType and timestamp sorted as k=v&…, then the raw body, then the key; MD5 uppercase hex in the header sign. Millisecond timestamps within 5 minutes; a nonce is accepted once.',
    recipe: {
      parts: [
        { type: 'params', from: 'headers', fields: ['businessId', 'nonce', 'signType', 'timestamp'] },
        { type: 'raw-body' },
        { type: 'text', template: '{secret}' },
      ],
      algorithm: 'md5',
      encoding: 'hex-upper',
      signature: [{ in: 'header', name: 'sign' }],
      appKey: { in: 'header', name: 'businessId' },
      fixed: [{ place: { in: 'header', name: 'signType' }, value: 'MD5' }],
      timestamp: { place: { in: 'header', name: 'timestamp' }, format: 'unix-ms', toleranceSeconds: 300 },
      nonce: { place: { in: 'header', name: 'nonce' }, length: 32 },
    },
  },
  {
    id: 'kv-apikey-md5-upper',
    title: 'k=v&… then &apikey= and the key (MD5 upper)',
    description:
      'Body parameters sorted by name as k=v&…, then the literal &apikey= and the key; MD5 uppercase hex in the body field sign.',
    recipe: {
      parts: [
        { type: 'params', from: 'body' },
        { type: 'text', template: '&apikey={secret}' },
      ],
      algorithm: 'md5',
      encoding: 'hex-upper',
      signature: [{ in: 'body', name: 'sign' }],
    },
  },
  {
    id: 'rsa2-sorted-pairs',
    title: 'RSA2: sorted k=v&…, SHA256withRSA, Base64',
    description:
      'Every non-empty parameter except sign, sorted by name as k=v&…, signed with SHA256withRSA under the merchant private key, Base64 in the field sign; the platform verifies with the merchant public key and signs its notifications with its own key.',
    recipe: {
      parts: [{ type: 'params', from: 'body', excludeEmpty: true }],
      algorithm: 'rsa-sha256',
      encoding: 'base64',
      signature: [{ in: 'body', name: 'sign' }],
      appKey: { in: 'body', name: 'app_id' },
      fixed: [{ place: { in: 'body', name: 'sign_type' }, value: 'RSA2' }],
      timestamp: {
        place: { in: 'body', name: 'timestamp' },
        format: 'datetime',
        utcOffsetMinutes: 480,
        required: false,
      },
    },
  },
  {
    id: 'kv-key-md5-upper',
    title: 'k=v&…&key= (MD5 upper)',
    description:
      'Non-empty parameters except sign sorted by name as k=v&…, then &key= and the key; MD5 uppercase hex in the field sign, a random nonce_str.',
    recipe: {
      parts: [
        { type: 'params', from: 'body', excludeEmpty: true },
        { type: 'text', template: '&key={secret}' },
      ],
      algorithm: 'md5',
      encoding: 'hex-upper',
      signature: [{ in: 'body', name: 'sign' }],
      nonce: { place: { in: 'body', name: 'nonce_str' }, length: 32, replayWindowSeconds: 0 },
    },
  },
  {
    id: 'kv-key-hmac-sha256-upper',
    title: 'k=v&…&key= (HMAC-SHA256 upper)',
    description: 'As k=v&…&key= with MD5, but HMAC-SHA256 keyed by the key; uppercase hex in the field sign.',
    recipe: {
      parts: [
        { type: 'params', from: 'body', excludeEmpty: true },
        { type: 'text', template: '&key={secret}' },
      ],
      algorithm: 'hmac-sha256',
      encoding: 'hex-upper',
      signature: [{ in: 'body', name: 'sign' }],
      fixed: [{ place: { in: 'body', name: 'sign_type' }, value: 'HMAC-SHA256' }],
      nonce: { place: { in: 'body', name: 'nonce_str' }, length: 32, replayWindowSeconds: 0 },
    },
  },
  {
    id: 'secret-kv-secret-md5-upper',
    title: 'secret + k v k v + secret (MD5 upper)',
    description:
      'The secret, then every query parameter except sign sorted by name as key+value, then the secret again; MD5 uppercase hex in the query parameter sign. Timestamps yyyy-MM-dd HH:mm:ss in UTC+8.',
    recipe: {
      parts: [
        { type: 'text', template: '{secret}' },
        { type: 'params', from: 'query', join: 'concat' },
        { type: 'text', template: '{secret}' },
      ],
      algorithm: 'md5',
      encoding: 'hex-upper',
      signature: [{ in: 'query', name: 'sign' }],
      appKey: { in: 'query', name: 'app_key' },
      fixed: [{ place: { in: 'query', name: 'sign_method' }, value: 'md5' }],
      timestamp: {
        place: { in: 'query', name: 'timestamp' },
        format: 'datetime',
        utcOffsetMinutes: 480,
        toleranceSeconds: 600,
      },
    },
  },
  {
    id: 'aes-body-md5',
    title: 'AES-encrypted body; appId + data + timestamp + key (MD5)',
    description:
      'The business parameters as compact JSON, AES-128-ECB encrypted with the 16-character key (PKCS#7, Base64) into the field data, appId and timestamp (Unix seconds) beside it; sign is the MD5 lowercase hex of appId + data + timestamp + key.',
    recipe: {
      encrypt: { algorithm: 'aes-128-ecb', key: '{secret}', into: 'data' },
      parts: [{ type: 'text', template: '{appKey}{body.data}{timestamp}{secret}' }],
      algorithm: 'md5',
      encoding: 'hex-lower',
      signature: [{ in: 'body', name: 'sign' }],
      appKey: { in: 'body', name: 'appId' },
      timestamp: { place: { in: 'body', name: 'timestamp' }, format: 'unix-seconds' },
    },
  },
];

/** A preset by id; undefined when there is none. */
export function signingPreset(id: string): SigningPreset | undefined {
  return SIGNING_PRESETS.find((preset) => preset.id === id);
}
