import { JunctionError, type ResolvedCredential } from '@junction/runtime';

/**
 * True when `host` matches one of `patterns`. `*.example.com` matches any subdomain (at any depth)
 * but not `example.com` itself, so a credential meant for an API host cannot leak to the apex site.
 * `*` alone matches every host: sending a credential anywhere must be an explicit choice. An empty
 * list allows nothing (fails closed), so a credential saved without hosts is never sent.
 */
export function isHostAllowed(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase().replace(/\.$/, '');
    if (pattern === '*') return true;
    if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1;
    return name === pattern;
  });
}

/**
 * Throws `JX_CREDENTIAL_HOST_FORBIDDEN` when `url` points to a host the credential may not be sent to.
 * Checked on the final URL right before the credential is applied, after expressions are resolved.
 */
export function assertHostAllowed(credential: ResolvedCredential, url: string): void {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new JunctionError('JX_INPUT_INVALID', `url must be an absolute URL, got ${JSON.stringify(url)}.`, {
      field: 'url',
    });
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (!isHostAllowed(host, credential.allowedHosts)) {
    throw new JunctionError(
      'JX_CREDENTIAL_HOST_FORBIDDEN',
      `Credential ${credential.id} may not be sent to ${host}; add the host to the credential's allowed hosts (now: ${credential.allowedHosts.join(', ') || 'none'}).`,
      { credentialId: credential.id, host, allowedHosts: credential.allowedHosts },
    );
  }
}
