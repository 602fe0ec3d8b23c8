import type { JsonObject, NodeContext, NodeRegistry, ResolvedCredential } from '@junction/runtime';
import { JunctionError } from '@junction/runtime';
import { alertErrors } from './alert-errors.ts';

const BALANCE_NODE = { type: 'cardPlatform.balance', version: 1 };

function unavailable(what: string): never {
  throw new JunctionError('JX_ALERT_BALANCE_UNREADABLE', `A balance check cannot ${what}.`, { what });
}

/**
 * Asks the supplier for the account balance (`user.info.get`) by running the registry's
 * `cardPlatform.balance` node outside any flow: the same signing, response verification, egress
 * policy and credential host check as in a run. Resolves with the balance; throws the node's
 * coded error (bad signature, unreachable, …) or `JX_ALERT_BALANCE_UNREADABLE`.
 */
export async function checkBalance(
  registry: NodeRegistry,
  credential: ResolvedCredential,
  options: { timeoutMs?: number; now?: () => number } = {},
): Promise<number> {
  const definition = registry.get(BALANCE_NODE.type, BALANCE_NODE.version);
  const now = options.now ?? Date.now;
  const noop = () => undefined;
  const context = {
    input: null,
    inputs: {},
    config: { timeoutMs: options.timeoutMs ?? 15_000 },
    credentials: { auth: credential },
    signal: AbortSignal.timeout((options.timeoutMs ?? 15_000) + 1_000),
    log: { debug: noop, info: noop, warn: noop, error: noop },
    idempotencyKey: `alert-balance:${credential.id}`,
    attempt: 1,
    run: { id: `alert-balance:${credential.id}`, flowId: '', test: false },
    node: { id: 'balanceCheck', type: BALANCE_NODE.type },
    evaluate: () => unavailable('evaluate expressions'),
    wait: () => unavailable('wait'),
    sleep: () => unavailable('sleep'),
    respond: () => unavailable('respond'),
    subflow: () => unavailable('run sub-flows'),
    kv: { get: () => unavailable('use the key/value store') },
    now,
  } as unknown as NodeContext<JsonObject>;
  const result = (await definition.run(context)) as { out?: { balance?: unknown } } | undefined;
  const balance = Number(result?.out?.balance);
  if (result?.out?.balance === undefined || result.out.balance === null || !Number.isFinite(balance)) {
    throw alertErrors.balanceUnreadable(credential.id);
  }
  return balance;
}
