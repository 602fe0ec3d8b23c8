import { type ErrorInfo, type Json, JunctionError, type NodeContext, toErrorInfo } from '@junction/runtime';
import { assertHostAllowed } from '../../credentials/allowed-hosts.ts';
import { signRequest } from '../../credentials/sign-request.ts';
import { sendRequest } from '../../http/http-transport.ts';
import { parseResponseBody } from '../../http/parse-response.ts';
import { buildRequest } from '../../http/request/build-request.ts';
import type { HttpRequestConfig } from '../../http/request/v1.ts';
import { resolveSubflowRef } from '../support/subflow-ref.ts';

/** What one check produced: a value for the condition, or an error that counts as "not yet". */
export type CheckOutcome = { ok: true; value: Json } | { ok: false; error: ErrorInfo };

// Transient failures keep the poll going until its deadline; anything else (bad URL, forbidden
// host, cancellation) is a mistake polling cannot fix, so it fails the node.
const TRANSIENT = new Set(['JX_HTTP_TIMEOUT', 'JX_HTTP_NETWORK', 'JX_HTTP_BAD_RESPONSE']);

/**
 * One HTTP check through the http.request building blocks (same body types, signing with the `auth`
 * credential, keep-alive agent). Any status is a response: the condition decides, e.g. `status = 200`.
 */
export async function checkHttp(
  ctx: NodeContext,
  request: HttpRequestConfig,
  attempt: number,
): Promise<CheckOutcome> {
  const outgoing = buildRequest(request, `${ctx.idempotencyKey}:check-${attempt}`);
  const wire = await signRequest(ctx.credentials.auth, outgoing, { now: ctx.now });
  try {
    const response = await sendRequest(wire, {
      signal: ctx.signal,
      timeoutMs: request.timeoutMs ?? 30_000,
      followRedirects: request.followRedirects ?? 0,
      ...(ctx.credentials.auth
        ? { checkHop: (url: string) => assertHostAllowed(ctx.credentials.auth!, url) }
        : {}),
    });
    const body =
      wire.method === 'HEAD'
        ? null
        : parseResponseBody(response, request.responseType ?? 'auto', {
            ...(request.responseCharset ? { charset: request.responseCharset } : {}),
          });
    return { ok: true, value: { status: response.status, headers: response.headers, body } };
  } catch (error) {
    if (error instanceof JunctionError && TRANSIENT.has(error.code))
      return { ok: false, error: error.toJSON() };
    throw error;
  }
}

/** One sub-flow check; each attempt is its own child run, keyed so a crash never repeats one twice. */
export async function checkSubflow(
  ctx: NodeContext,
  rawRef: Json | undefined,
  attempt: number,
): Promise<CheckOutcome> {
  const ref = await resolveSubflowRef(ctx, rawRef);
  const result = await ctx.subflow(ref, ctx.input, { key: `check-${attempt}`, signal: ctx.signal });
  if (result.status === 'succeeded') return { ok: true, value: result.output };
  return {
    ok: false,
    error:
      result.error ?? toErrorInfo(new JunctionError('JX_SUBFLOW_CANCELLED', 'The check run was cancelled.')),
  };
}
