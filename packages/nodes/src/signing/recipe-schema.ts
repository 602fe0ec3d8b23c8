import type { JsonSchema } from '@junction/runtime';

// The JSON Schema of a signing recipe (recipe-types.ts), used by the `signature` credential kind:
// a recipe that does not fit is refused when the credential is saved, with a pointer to the part.

const name = { type: 'string', minLength: 1 } as const;

const PLACE: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['in', 'name'],
  properties: { in: { enum: ['body', 'query', 'header'] }, name },
};

const PART: JsonSchema = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'from'],
      properties: {
        type: { const: 'params' },
        from: { enum: ['body', 'query', 'headers'] },
        fields: { type: 'array', items: name },
        exclude: { type: 'array', items: name },
        excludeEmpty: { type: 'boolean' },
        order: { enum: ['key-asc', 'listed', 'given'] },
        urlEncode: { enum: ['none', 'rfc3986', 'form'] },
        join: { enum: ['pairs', 'concat', 'values', 'sorted-chars', 'canonical-json'] },
        pairSeparator: { type: 'string' },
        separator: { type: 'string' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: { type: { const: 'raw-body' } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'template'],
      properties: { type: { const: 'text' }, template: { type: 'string' } },
    },
  ],
};

/** JSON Schema of {@link SigningRecipe}. */
export const SIGNING_RECIPE_SCHEMA: JsonSchema = {
  type: 'object',
  title: 'Signing recipe',
  description:
    'Which parts feed the canonical string, how they are joined, hashed, encoded and where the signature goes; see docs/connect-a-supplier.md.',
  additionalProperties: false,
  required: ['parts', 'algorithm', 'encoding', 'signature'],
  properties: {
    parts: { type: 'array', items: PART },
    partSeparator: { type: 'string' },
    charset: {
      type: 'string',
      minLength: 1,
      description:
        "The charset of the canonical string's bytes (default utf-8), e.g. gbk; a received raw body is hashed as its bytes arrived.",
      examples: ['utf-8', 'gbk', 'gb18030'],
    },
    algorithm: {
      enum: [
        'md5',
        'sha1',
        'sha256',
        'sha512',
        'sm3',
        'hmac-md5',
        'hmac-sha1',
        'hmac-sha256',
        'hmac-sha512',
        'hmac-sm3',
        'rsa-sha1',
        'rsa-sha256',
      ],
    },
    hmacKey: { type: 'string' },
    encoding: { enum: ['hex-lower', 'hex-upper', 'base64', 'base64url'] },
    signature: { type: 'array', minItems: 1, items: PLACE },
    appKey: PLACE,
    fixed: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['place', 'value'],
        properties: { place: PLACE, value: { type: 'string' } },
      },
    },
    timestamp: {
      type: 'object',
      additionalProperties: false,
      required: ['place', 'format'],
      properties: {
        place: PLACE,
        format: { enum: ['unix-seconds', 'unix-ms', 'datetime', 'iso'] },
        utcOffsetMinutes: { type: 'integer', minimum: -720, maximum: 840 },
        toleranceSeconds: { type: 'integer', minimum: 0 },
        required: { type: 'boolean' },
      },
    },
    expression: {
      type: 'string',
      minLength: 1,
      description:
        'A JSONata expression giving the signature, with $secret, $appKey, $digest, $hmac, $rsaSign, $encode and $canonicalJson bound. $digest, $hmac and $rsaSign hash the text in the recipe\'s charset, or in the charset given as their last argument ($digest("md5", canonical, "hex-upper", "gbk")).',
    },
    encrypt: {
      type: 'object',
      additionalProperties: false,
      required: ['algorithm', 'key', 'into'],
      properties: {
        algorithm: { enum: ['aes-128-ecb', 'aes-256-ecb', 'aes-128-cbc', 'aes-256-cbc'] },
        key: { type: 'string', minLength: 1 },
        keyEncoding: { enum: ['utf8', 'hex', 'base64'] },
        iv: { type: 'string' },
        into: name,
        encoding: { enum: ['base64', 'hex-lower', 'hex-upper'] },
      },
    },
    nonce: {
      type: 'object',
      additionalProperties: false,
      required: ['place'],
      properties: {
        place: PLACE,
        length: { type: 'integer', minimum: 8, maximum: 128 },
        replayWindowSeconds: { type: 'integer', minimum: 0 },
        required: { type: 'boolean' },
      },
    },
  },
};
