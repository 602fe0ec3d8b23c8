import { JunctionError } from '@junction/runtime';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import { hasScope } from './scopes.ts';
import type { TokenStore } from './token-store.ts';

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  // EventSource cannot send headers, so SSE (and only GET) may carry the token in the query.
  const query = request.query as Record<string, unknown> | undefined;
  if (request.method === 'GET' && typeof query?.access_token === 'string') return query.access_token;
  return undefined;
}

/**
 * Checks every request against its route's declared `config.access`: 401 without a valid token,
 * 403 when the token lacks the scope. A route that declares nothing is refused, so a forgotten
 * declaration fails closed.
 */
export function installAuth(app: FastifyInstance, tokens: TokenStore): void {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === 'public') return;
    if (request.routeOptions.url === undefined) return; // not-found handler: answers 404 itself
    const token = presentedToken(request);
    if (!token) {
      throw new JunctionError(
        'JX_UNAUTHORIZED',
        'Send an API token as `Authorization: Bearer <token>`; the admin token is printed on first start.',
      );
    }
    const found = await tokens.verify(token);
    if (!found) throw new JunctionError('JX_UNAUTHORIZED', 'The API token is unknown or was revoked.');
    if (!access || !hasScope(found.scopes, access)) {
      throw new JunctionError(
        'JX_FORBIDDEN',
        `This token lacks the scope ${access ?? '(undeclared)'}; create a token that has it.`,
        { required: access ?? null },
      );
    }
    request.tokenScopes = found.scopes;
    request.tokenName = found.name;
    await tokens.touch(found.id);
  });
}
