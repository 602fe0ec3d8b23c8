// The documentation keys the generator reads (`summary`, `tags`, `hide`) are declared there.
import type {} from '../app/fastify-augmentations.ts';

/** The tags the OpenAPI document groups routes by. */
export const OPENAPI_TAGS = [
  'system',
  'flows',
  'versions',
  'deploy',
  'runs',
  'credentials',
  'tokens',
  'ingress',
  'metrics',
] as const;
