import { credentialCharset, isUtf8 } from '@junction/nodes';
import type { ResolvedCredential } from '@junction/runtime';
import type { FastifyRequest } from 'fastify';
import type {} from './fastify-augmentations.ts';

/**
 * The parsed body of a webhook or callback, read in the verifying credential's charset where the
 * sender's Content-Type names none, or says utf-8 over bytes that are not (see `readInBodyCharset`
 * of `@junction/nodes`). `verifier` is asked only then, so other requests never resolve a credential
 * for it. A body that fails in every charset that applies raises its coded error (400/415), as the
 * body parser would have.
 */
export async function ingressBody(
  request: FastifyRequest,
  verifier: () => Promise<ResolvedCredential | undefined>,
): Promise<unknown> {
  if (!request.reparseBody) return request.body;
  const charset = credentialCharset(await verifier());
  if (charset && !isUtf8(charset)) return request.reparseBody(charset);
  if (request.bodyError) throw request.bodyError;
  return request.body;
}
