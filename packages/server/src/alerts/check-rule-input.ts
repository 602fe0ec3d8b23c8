import type { SqlDatabase } from '../db/sql-database.ts';
import type { CredentialVault } from '../vault/credential-vault.ts';
import { alertErrors } from './alert-errors.ts';
import type { RuleInput } from './alert-types.ts';
import { checkChannelUrl } from './channel-url.ts';

/**
 * What the body schema cannot say: a balance rule names an existing card-platform credential and
 * no flow, a flow rule names no credential, a failure rate is a percentage, every channel URL starts
 * with its robot's documented base (or an explicitly allowed one). Throws a coded error.
 */
export async function checkRuleInput(
  input: RuleInput,
  vault: CredentialVault,
  db: SqlDatabase,
  channelBaseUrls: readonly string[],
  creating: boolean,
): Promise<void> {
  if (input.kind === 'supplier-balance') {
    if (!input.credentialId)
      throw alertErrors.ruleInvalid('credentialId', 'a balance rule needs a card-platform credential.');
    if (input.flowId)
      throw alertErrors.ruleInvalid('flowId', 'a balance rule watches a credential, not a flow.');
    const credential = await vault.get(input.credentialId);
    if (credential.kind !== 'card-platform') {
      throw alertErrors.ruleInvalid(
        'credentialId',
        `credential ${credential.id} is of kind ${credential.kind}, not card-platform.`,
      );
    }
  } else if (input.credentialId !== undefined || input.checkIntervalMs !== undefined) {
    throw alertErrors.ruleInvalid('credentialId', 'only balance rules check a credential.');
  }
  if (input.environment !== undefined) {
    if (input.kind === 'supplier-balance') {
      throw alertErrors.ruleInvalid(
        'environment',
        'a balance rule checks one credential, in no environment.',
      );
    }
    const known = await db.get('SELECT name FROM srv_environments WHERE name = ?', [input.environment]);
    if (!known) throw alertErrors.ruleInvalid('environment', `there is no environment ${input.environment}.`);
  }
  if (input.kind === 'failure-rate' && (input.threshold < 0 || input.threshold > 100)) {
    throw alertErrors.ruleInvalid('threshold', 'a failure rate threshold is a percentage from 0 to 100.');
  }
  if (creating && !input.channels?.length)
    throw alertErrors.ruleInvalid('channels', 'a new rule needs at least one channel.');
  input.channels?.forEach((channel, index) => {
    checkChannelUrl(index, channel.kind, channel.url, channelBaseUrls);
  });
}
