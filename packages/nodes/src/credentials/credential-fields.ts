import { type Json, JunctionError, type ResolvedCredential } from '@junction/runtime';

/** Reads a required string field of a credential; the error names the field, never its value. */
export function requireField(credential: ResolvedCredential, field: string): string {
  const value = credential.data[field];
  if (typeof value !== 'string' || value === '') {
    throw new JunctionError(
      'JX_CREDENTIAL_INVALID',
      `Credential ${credential.id} (${credential.kind}) is missing the field "${field}"; edit the credential and fill it in.`,
      { credentialId: credential.id, kind: credential.kind, field },
    );
  }
  return value;
}

/** Reads an optional field, returning `fallback` when it is absent or null. */
export function optionalField<T extends Json>(credential: ResolvedCredential, field: string, fallback: T): T {
  const value = credential.data[field];
  return value === undefined || value === null ? fallback : (value as T);
}
