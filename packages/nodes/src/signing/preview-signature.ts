import { JunctionError, type ResolvedCredential } from '@junction/runtime';
import type { OutgoingRequest, WireRequest } from '../credentials/request-shape.ts';
import { signByRecipe } from '../credentials/sign-request.ts';

/** What the signature workbench shows: never a secret. */
export interface SignaturePreview {
  /** The string that was signed, with every secret value written as `{secret}`. */
  canonical: string;
  signature: string;
  /** The request as it would be sent (secrets masked in it too). */
  wire: WireRequest;
  /** Given an expected signature: whether it matches (hex compared in either case). */
  matches?: boolean;
  /** Given an expected signature that differs: the index of the first differing character. */
  firstDifference?: number;
}

/**
 * Signs a sample request (e.g. one from the supplier's documentation, with its timestamp and
 * nonce) without sending it, and compares the result with the signature the documentation shows.
 */
export async function previewSignature(
  credential: ResolvedCredential,
  request: OutgoingRequest,
  options: { now?: number; expected?: string } = {},
): Promise<SignaturePreview> {
  if (credential.kind !== 'signature' && credential.kind !== 'card-platform') {
    throw new JunctionError(
      'JX_CREDENTIAL_KIND_UNSUPPORTED',
      `Only signature and card-platform credentials have a signing recipe to preview; this one is ${credential.kind}.`,
      { kind: credential.kind },
    );
  }
  const signed = await signByRecipe(credential, request, options.now ?? Date.now());
  const secrets = ['secret', 'appSecret', 'privateKey']
    .map((field) => credential.data[field])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  const mask = (text: string) =>
    secrets.reduce((masked, secret) => masked.split(secret).join('{secret}'), text);
  const preview: SignaturePreview = {
    canonical: mask(signed.canonical),
    signature: signed.signature,
    wire: JSON.parse(mask(JSON.stringify(signed.wire))) as WireRequest,
  };
  if (options.expected !== undefined) {
    const hex = /^[0-9a-f]+$/i.test(signed.signature) && /^[0-9a-f]+$/i.test(options.expected);
    const [a, b] = hex
      ? [signed.signature.toLowerCase(), options.expected.trim().toLowerCase()]
      : [signed.signature, options.expected.trim()];
    preview.matches = a === b;
    if (!preview.matches) {
      let index = 0;
      while (index < a.length && index < b.length && a[index] === b[index]) index++;
      preview.firstDifference = index;
    }
  }
  return preview;
}
