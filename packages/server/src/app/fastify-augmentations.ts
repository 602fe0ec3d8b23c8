/**
 * Every augmentation of Fastify's types in one module. Files that rely on one import it
 * (`import type {} from '../app/fastify-augmentations.ts'`), so the package type-checks from any
 * entry point, not only through its own tsconfig's `include`.
 */
// The documentation keys of route schemas (`summary`, `description`, `tags`, `hide`, …) come with
// @fastify/swagger, which reads them; Fastify's validator ignores them.
import type {} from '@fastify/swagger';
import type { RouteAccess } from '../auth/scopes.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route requires; routes without one are refused (deny by default). */
    access?: RouteAccess;
  }

  interface FastifyRequest {
    /**
     * The body's bytes exactly as received (whatever their charset); signatures of webhooks and
     * callbacks are computed over them.
     */
    rawBody?: Buffer;
    /**
     * Set on webhook and callback requests whose Content-Type names no charset or says utf-8: parses
     * the body again with the verifying credential's charset (read it through `ingressBody`).
     */
    reparseBody?: (credentialCharset: string) => unknown;
    /** `JX_BODY_MALFORMED` of such a body's first parse, raised by `ingressBody` unless a credential's charset reads it. */
    bodyError?: Error;
    /** Scopes of the API token that authenticated the request (unset on public routes). */
    tokenScopes?: readonly string[];
    /** Name of the API token that authenticated the request (the audit log's actor). */
    tokenName?: string;
  }
}
