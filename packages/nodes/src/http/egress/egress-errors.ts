import { JunctionError } from '@junction/runtime';

/**
 * Every error the egress policy and redirect handling raise, with typed parameters and the sentence
 * a user sees. The parameters become the error's `details`; translations key on the code.
 */
export const egressErrorMessages = {
  /** A destination that is not a public address, and not on the allow-list. */
  JX_EGRESS_REFUSED: (p: { target: string; host: string; address: string; range: string; hint: string }) =>
    `${p.target} was refused: ${p.host === p.address ? p.host : `${p.host} resolves to ${p.address}, which`} is a ${p.range} address, and nodes may only call public addresses. ${p.hint}`,
  /** An allow-list entry that is neither a CIDR, an address nor host[:port]. */
  JX_EGRESS_ALLOW_INVALID: (p: { entry: string; reason: string }) =>
    `Egress allow-list entry "${p.entry}" cannot be read: ${p.reason}. Examples: 10.0.0.0/8, 127.0.0.1:3100, erp.internal:8080.`,
  /** More redirects than the node allows. */
  JX_HTTP_REDIRECT_LIMIT: (p: { target: string; followRedirects: number }) =>
    `${p.target} redirected more than ${p.followRedirects} times; raise followRedirects or call the final URL directly.`,
  /** A redirect whose Location is not an http(s) URL. */
  JX_HTTP_REDIRECT_INVALID: (p: { target: string; status: number }) =>
    `${p.target} answered ${p.status} with a Location that is not an http(s) URL, so the redirect was not followed.`,
} as const;

/** A code of {@link egressErrorMessages}. */
export type EgressErrorCode = keyof typeof egressErrorMessages;

/** The parameters of one code's sentence. */
export type EgressErrorParams<C extends EgressErrorCode> = Parameters<(typeof egressErrorMessages)[C]>[0];

/**
 * Builds the {@link JunctionError} for a catalogue code. None of them is retryable: the same request
 * meets the same policy on every attempt, and nothing was sent.
 */
export function egressError<C extends EgressErrorCode>(
  code: C,
  params: EgressErrorParams<C>,
  extra: Record<string, unknown> = {},
): JunctionError {
  const message = (egressErrorMessages[code] as (p: EgressErrorParams<C>) => string)(params);
  const details: Record<string, unknown> = { ...params, ...extra, retryable: false };
  delete details.hint;
  return new JunctionError(code, message, details);
}
