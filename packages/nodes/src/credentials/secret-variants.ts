import type { ResolvedCredential } from '@junction/runtime';
import { credentialKinds } from './credential-kinds.ts';

/** Secret field names per kind, read once from the kinds' schemas (`"x-secret": true`). */
const SECRET_FIELDS = new Map<string, string[]>(
  credentialKinds.map(({ kind, schema }) => {
    const properties = (schema as { properties?: Record<string, { 'x-secret'?: boolean }> }).properties ?? {};
    return [kind, Object.keys(properties).filter((field) => properties[field]?.['x-secret'] === true)];
  }),
);

/**
 * Every string that reveals a credential's secrets, for the engine's `secretVariants` option: the
 * values of its secret fields, plus the forms its kind puts on the wire that contain no secret
 * verbatim — Basic auth sends base64 of `user:password`, which a server echoing the request back
 * would return as such. A kind this package does not know counts all its string fields as secret.
 */
export function secretVariants(credential: ResolvedCredential): string[] {
  const fields = SECRET_FIELDS.get(credential.kind);
  const strings = (names: string[]) =>
    names.map((name) => credential.data[name]).filter((value): value is string => typeof value === 'string');
  if (!fields) return strings(Object.keys(credential.data));
  const variants = strings(fields).filter((value) => value !== '');
  if (credential.kind === 'basic') {
    const { username, password } = credential.data;
    if (typeof password === 'string' && password !== '') {
      const pair = Buffer.from(`${typeof username === 'string' ? username : ''}:${password}`, 'utf8');
      variants.push(pair.toString('base64'), pair.toString('base64url'));
    }
  }
  return variants;
}
