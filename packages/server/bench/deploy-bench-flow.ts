import { JunctionError } from '@junction/runtime';
import { CREDENTIAL_ID, webhookBenchFlow } from './webhook-flow.ts';

/** The sandbox account the flow signs with. */
export interface SandboxAccount {
  gatewayUrl: string;
  appKey: string;
  appSecret: string;
}

/**
 * Through the public REST API, as a user would: stores the card-platform credential (allowed only
 * towards the sandbox's host), saves the flow, snapshots version 1 and deploys it.
 */
export async function deployBenchFlow(
  serverUrl: string,
  token: string,
  account: SandboxAccount,
): Promise<void> {
  const call = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new JunctionError(
        'JX_BENCH_SETUP',
        `${method} ${path} answered ${response.status}; the benchmark flow could not be deployed.`,
        { status: response.status, body: (await response.text()).slice(0, 500) },
      );
    }
    return (await response.json()) as Record<string, unknown>;
  };
  await call('POST', '/api/credentials', {
    id: CREDENTIAL_ID,
    name: 'Sandbox (benchmark)',
    kind: 'card-platform',
    allowedHosts: [new URL(account.gatewayUrl).hostname],
    data: { ...account },
  });
  const flow = webhookBenchFlow();
  await call('PUT', `/api/flows/${flow.id}`, flow);
  const { version } = await call('POST', `/api/flows/${flow.id}/versions`, {});
  await call('POST', `/api/flows/${flow.id}/deploy`, { version });
}
