import type { JsonSchema } from '@junction/runtime';
import { CIPHER_PRESETS } from './cipher-presets.ts';
import { PAYLOAD_CIPHER_SCHEMA } from './cipher-schema.ts';

/**
 * The `cipher` config field of a decrypt step: a preset id (listed with titles) or a recipe.
 * `defaultPreset` is what an absent field means.
 */
export function cipherConfigProperty(description: string, defaultPreset?: string): JsonSchema {
  return {
    title: 'Cipher',
    description,
    ...(defaultPreset === undefined ? {} : { default: defaultPreset }),
    examples: [CIPHER_PRESETS[1]?.id, { algorithm: 'aes-128', mode: 'ecb', key: { digest: 'md5' } }],
    oneOf: [
      {
        type: 'string',
        title: 'Preset',
        oneOf: CIPHER_PRESETS.map((p) => ({ const: p.id, title: p.title })),
      },
      PAYLOAD_CIPHER_SCHEMA,
    ],
  };
}
