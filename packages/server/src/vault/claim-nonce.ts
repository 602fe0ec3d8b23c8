import type { VerifyResult } from '../integration/runtime-glue.ts';
import type { NonceLedger } from './nonce-ledger.ts';

/** A verdict after the replay check; an accepted one may carry the claim's undo. */
export type ClaimedVerdict =
  | { ok: true; release?: () => Promise<void> }
  | { ok: false; code: string; reason: string };

/**
 * Claims the nonce of a verified message for the credential that verified it: a nonce already
 * claimed within its window turns the verdict into `JX_SIGNATURE_REPLAYED`. `release` undoes the
 * claim when Junction then fails to handle the message, so the sender's retry is not a replay.
 */
export async function claimNonce(
  ledger: NonceLedger,
  credentialId: string,
  verdict: VerifyResult,
): Promise<ClaimedVerdict> {
  if (!verdict.ok || !verdict.nonce) return verdict;
  const { value, expiresAt } = verdict.nonce;
  if (!(await ledger.claim(credentialId, value, expiresAt))) {
    return {
      ok: false,
      code: 'JX_SIGNATURE_REPLAYED',
      reason: 'The nonce was already used: the message is a replay.',
    };
  }
  return { ok: true, release: () => ledger.release(credentialId, value) };
}
