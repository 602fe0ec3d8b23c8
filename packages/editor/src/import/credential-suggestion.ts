/** The credential kinds a cURL import suggests. */
export type SuggestedKind = 'bearer' | 'basic' | 'signature' | 'api-key';

/**
 * A secret found in a pasted command, removed from the node and offered as a credential to create.
 * It carries where the secret was and never the secret itself.
 */
export interface CredentialSuggestion {
  kind: SuggestedKind;
  /** Where the value sat in the command. */
  from: 'header' | 'query' | 'body' | 'user';
  /** The header or field name (`Authorization`, `sign`, …). */
  name: string;
  /** The request's host, offered as the credential's allowed host. */
  host: string;
  /** Basic auth's user name (not a secret), to prefill the form. */
  username?: string;
}

const SIGNATURE_FIELDS =
  /^(sign|signature|sig|signstr|sign_str|app_secret|appsecret|secret|client_secret|secret_key|md5|hmac)$/i;
const KEY_FIELDS =
  /^(token|access_token|accesstoken|api_key|apikey|key|app_token|password|passwd|pwd|auth|session|sessionid|ticket)$/i;
const SIGNATURE_HEADER = /(^|-)(sign|signature)(-|$)/i;
const KEY_HEADER = /(api-?key|token|secret|session|auth|(^x-.*-key$)|password)/i;

/** The kind of credential a query or body field name calls for, or undefined for an ordinary field. */
export function sensitiveField(name: string): SuggestedKind | undefined {
  if (SIGNATURE_FIELDS.test(name)) return 'signature';
  if (KEY_FIELDS.test(name)) return 'api-key';
  return undefined;
}

/**
 * The kind of credential a header calls for, or undefined for an ordinary header. `Authorization:
 * Bearer …` is bearer, `Basic …` basic (with its user name), any other scheme an API key; `Cookie` and
 * key/token/secret-like names are API keys; signature-like names are signatures.
 */
export function sensitiveHeader(
  name: string,
  value: string,
): { kind: SuggestedKind; username?: string } | undefined {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    if (/^bearer\s/i.test(value)) return { kind: 'bearer' };
    if (/^basic\s/i.test(value)) {
      const username = basicUser(value.replace(/^basic\s+/i, ''));
      return { kind: 'basic', ...(username && { username }) };
    }
    return { kind: 'api-key' };
  }
  if (lower === 'cookie') return { kind: 'api-key' };
  if (SIGNATURE_HEADER.test(lower)) return { kind: 'signature' };
  if (KEY_HEADER.test(lower)) return { kind: 'api-key' };
  return undefined;
}

/** The user name of a Basic credential (base64 `user:password`), when it decodes. */
function basicUser(encoded: string): string | undefined {
  try {
    const decoded = atob(encoded.trim());
    const colon = decoded.indexOf(':');
    return colon > 0 ? decoded.slice(0, colon) : undefined;
  } catch {
    return undefined;
  }
}
