import type { ResolvedCredential } from '@junction/runtime';

/**
 * The charset a credential says its supplier speaks: a signature credential's `charset` field (the
 * charset of its signed bytes), undefined when empty or absent. Bodies of the exchanges it signs or
 * verifies are read in it where the Content-Type names none or mislabels (see `readInBodyCharset`).
 */
export function credentialCharset(credential: ResolvedCredential | undefined): string | undefined {
  const value = credential?.data.charset;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
