import { JunctionError } from '@junction/runtime';
import { isUtf8 } from './charset.ts';

/** The charsets a body could be in, from the most to the least explicit. */
export interface BodyCharsets {
  /** A setting that wins over everything (http.request's "Response charset"). */
  override?: string;
  /** The charset the Content-Type names, if any. */
  declared?: string;
  /** The charset of the credential that signs or verifies the exchange (a signature credential's `charset`). */
  credential?: string;
}

/**
 * Reads a body in the charset the order below picks; `read` decodes (fatally) in the charset it is
 * given. The order, one for `http.request` responses and for webhook and callback bodies:
 *
 * 1. The override, when set.
 * 2. The Content-Type's charset, when it names one other than UTF-8.
 * 3. No charset in the Content-Type: the credential's charset, else UTF-8.
 * 4. The Content-Type says UTF-8: UTF-8; when the bytes are not valid UTF-8 (`JX_BODY_MALFORMED`) and
 *    the credential names another charset, that one — a supplier labelling its GBK as UTF-8.
 *
 * Never a guess beyond that: what fails in the chosen charset fails with its coded error.
 */
export function readInBodyCharset<T>(charsets: BodyCharsets, read: (charset: string) => T): T {
  const { override, declared, credential } = charsets;
  if (override) return read(override);
  if (declared && !isUtf8(declared)) return read(declared);
  const fallback = credential && !isUtf8(credential) ? credential : undefined;
  if (!declared) return read(fallback ?? 'utf-8');
  try {
    return read(declared);
  } catch (error) {
    if (fallback && error instanceof JunctionError && error.code === 'JX_BODY_MALFORMED')
      return read(fallback);
    throw error;
  }
}

/**
 * Whether the credential's charset could change how a body with this Content-Type charset is read
 * (cases 3 and 4 of {@link readInBodyCharset}): none declared, or UTF-8 declared.
 */
export function credentialCharsetApplies(declared: string | undefined): boolean {
  return declared === undefined || isUtf8(declared);
}
