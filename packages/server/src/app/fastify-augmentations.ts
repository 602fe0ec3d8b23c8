/**
 * Every augmentation of Fastify's types in one module. Files that rely on one import it
 * (`import type {} from '../app/fastify-augmentations.ts'`), so the package type-checks from any
 * entry point, not only through its own tsconfig's `include`.
 */
import type { RouteAccess } from '../auth/scopes.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route requires; routes without one are refused (deny by default). */
    access?: RouteAccess;
  }

  interface FastifyRequest {
    /** The body exactly as received; signatures of webhooks and callbacks are computed over it. */
    rawBody?: string;
  }

  /**
   * Documentation keys on route schemas (what @fastify/swagger would add): the OpenAPI generator
   * reads them, Fastify's validator ignores them.
   */
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    /** Leave the route out of the OpenAPI document. */
    hide?: boolean;
  }
}
