import { type Json, JunctionError, type ResolvedCredential } from '@junction/runtime';
import { requireField } from '../credentials/credential-fields.ts';
import { digest, safeEqual } from '../credentials/digest.ts';
import { signRequest } from '../credentials/sign-request.ts';
import { sortCharacters } from '../credentials/sort-characters.ts';
import { formatTimestamp } from '../credentials/timestamp-format.ts';
import { describeTarget, sendRequest } from '../http/http-transport.ts';
import { supplierError } from './supplier-errors.ts';

/** Per-call options. */
export interface GatewayCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Calls one supplier gateway with one card-platform credential. */
export interface GatewayClient {
  /** Sends `method` with `biz` as `biz_content`; resolves with the decoded `result` (null when empty). */
  call(method: string, biz: Record<string, Json>, options?: GatewayCallOptions): Promise<Json>;
  /** The app secret, for decrypting cards; never log it. */
  readonly secret: string;
}

/**
 * A gateway client: builds the signed envelope (app_key, method, UTC+8 timestamp, version 2.0, json, utf-8,
 * md5, biz_content as a JSON string, sign), sends it over the shared keep-alive agent, checks the response
 * signature (sorted characters of `result` + secret, MD5) and maps supplier codes to stable errors.
 */
export function createGatewayClient(
  credential: ResolvedCredential,
  now: () => number = Date.now,
): GatewayClient {
  if (credential.kind !== 'card-platform') {
    throw new JunctionError(
      'JX_CREDENTIAL_KIND_UNSUPPORTED',
      `Credential ${credential.id} is of kind ${credential.kind}; card-platform nodes need a card-platform credential.`,
      { credentialId: credential.id, kind: credential.kind },
    );
  }
  const secret = requireField(credential, 'appSecret');
  const appKey = requireField(credential, 'appKey');
  const gatewayUrl = requireField(credential, 'gatewayUrl');
  return {
    secret,
    async call(method, biz, options = {}) {
      const envelope = {
        app_key: appKey,
        method,
        timestamp: formatTimestamp(now(), 'datetime', 480),
        version: '2.0',
        format: 'json',
        charset: 'utf-8',
        sign_type: 'md5',
        biz_content: JSON.stringify(biz),
      };
      const wire = await signRequest(credential, {
        method: 'POST',
        url: gatewayUrl,
        body: { type: 'json', value: envelope },
      });
      const response = await sendRequest(wire, {
        timeoutMs: options.timeoutMs ?? 15_000,
        signal: options.signal,
      });
      if (response.status < 200 || response.status > 299) {
        throw new JunctionError(
          'JX_SUPPLIER_HTTP',
          `${describeTarget(wire)} answered HTTP ${response.status} to ${method}.`,
          { status: response.status, method, retryable: response.status >= 500 || response.status === 429 },
        );
      }
      const answer = parseAnswer(response.body, method);
      // Refusals carry no data, and a wrong app secret must still read as "bad signature", so only
      // answers with a result are checked.
      if (answer.code !== 0) throw supplierError(answer.code, answer.message, method);
      if (!safeEqual(answer.sign.toLowerCase(), signResult(answer.result, secret))) {
        throw new JunctionError(
          'JX_SUPPLIER_RESPONSE_SIGNATURE',
          `The ${method} response is not signed with this credential's app secret; check the gateway URL and app secret.`,
          { method, retryable: false },
        );
      }
      if (answer.result === '') return null;
      try {
        return JSON.parse(answer.result) as Json;
      } catch {
        throw badAnswer(method, 'result is not a JSON string');
      }
    },
  };
}

/** The card-platform response signature: sorted characters of the result string, secret appended, MD5. */
export function signResult(result: string, secret: string): string {
  return digest('md5', sortCharacters(result) + secret, secret, 'hex-lower');
}

function parseAnswer(
  body: string,
  method: string,
): { code: number; message: string; result: string; sign: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw badAnswer(method, 'the body is not JSON');
  }
  const answer = value as Record<string, unknown>;
  if (typeof answer !== 'object' || answer === null || typeof answer.code !== 'number') {
    throw badAnswer(method, 'code is missing');
  }
  return {
    code: answer.code,
    message: typeof answer.message === 'string' ? answer.message : '',
    result: typeof answer.result === 'string' ? answer.result : '',
    sign: typeof answer.sign === 'string' ? answer.sign : '',
  };
}

function badAnswer(method: string, why: string): JunctionError {
  return new JunctionError(
    'JX_SUPPLIER_BAD_RESPONSE',
    `The supplier's answer to ${method} cannot be read: ${why}.`,
    {
      method,
      retryable: true,
    },
  );
}
