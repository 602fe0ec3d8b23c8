import { JunctionError } from '@junction/runtime';
import { SANDBOX_CREDENTIAL_ID } from './example-flows.ts';
import type { JunctionClient } from './junction-client.ts';

/** The fields of a card-platform credential. */
export interface CardPlatformAccount {
  gatewayUrl: string;
  appKey: string;
  appSecret: string;
}

/**
 * Creates the `sandbox` credential (kind `card-platform`), or updates it when it exists, e.g. after a
 * restart where the sandbox came back on another port. It may only be sent to the gateway's host.
 */
export async function upsertSandboxCredential(
  api: JunctionClient,
  account: CardPlatformAccount,
): Promise<void> {
  const credential = {
    name: 'Card platform sandbox',
    kind: 'card-platform',
    allowedHosts: [gatewayHost(account.gatewayUrl)],
    data: { appKey: account.appKey, appSecret: account.appSecret, gatewayUrl: account.gatewayUrl },
  };
  try {
    await api.request('POST', '/api/credentials', { id: SANDBOX_CREDENTIAL_ID, ...credential });
  } catch (error) {
    if (!(error instanceof JunctionError && error.details.status === 409)) throw error;
    await api.request('PUT', `/api/credentials/${SANDBOX_CREDENTIAL_ID}`, credential);
  }
}

function gatewayHost(gatewayUrl: string): string {
  if (!URL.canParse(gatewayUrl)) {
    throw new JunctionError(
      'JX_EXAMPLES_GATEWAY_URL',
      `The sandbox gateway URL must be an absolute http(s) URL, got "${gatewayUrl}".`,
      { gatewayUrl },
    );
  }
  const host = new URL(gatewayUrl).hostname;
  // URL keeps IPv6 hosts in brackets; allowed-host patterns compare the bare address.
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
