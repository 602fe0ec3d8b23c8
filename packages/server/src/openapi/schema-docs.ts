/**
 * Documentation keys on route schemas (what @fastify/swagger would add): the OpenAPI generator
 * reads them, Fastify's validator ignores them.
 */
declare module 'fastify' {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    /** Leave the route out of the OpenAPI document. */
    hide?: boolean;
  }
}

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
