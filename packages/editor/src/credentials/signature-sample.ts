import type {
  CredentialKindDescriptor,
  CredentialSummary,
  SignaturePreviewRequest,
  SignatureSampleRequest,
} from '../api/api-types.ts';
import type { Json } from '../document/flow-types.ts';
import type { MessageKey } from '../i18n/translator.ts';
import { type CredentialDraft, credentialFields, draftToBody, initialDraft } from './credential-model.ts';

/** Credential kinds with a signing recipe, which the signature workbench can preview. */
export const SIGNED_KINDS: readonly string[] = ['signature', 'card-platform'];

/** How the workbench's body text is read: JSON, JSON fields sent as a form, or text signed as it is. */
export type SampleBodyType = 'json' | 'form' | 'raw';

/** The workbench's inputs, as typed. */
export interface SignatureSample {
  method: string;
  url: string;
  /** One `Name: value` per line. */
  headers: string;
  body: string;
  bodyType: SampleBodyType;
  expected: string;
  /** Epoch milliseconds for generated timestamps; empty for the current time. */
  now: string;
}

/** A sample input that cannot be sent, with the catalogue message explaining it. */
export interface SampleProblem {
  field: 'url' | 'headers' | 'body' | 'now';
  message: MessageKey;
  values?: Record<string, string>;
}

/** Reads `Name: value` lines; blank lines are skipped. */
function parseHeaders(text: string): Record<string, string> | SampleProblem {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name) return { field: 'headers', message: 'signatureWorkbench.headerLine', values: { line } };
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The body part of the request: `body` (JSON, maybe as a form) or `rawBody`, byte for byte. */
function parseBody(sample: SignatureSample): Partial<SignatureSampleRequest> | SampleProblem {
  if (!sample.body.trim()) return {};
  if (sample.bodyType === 'raw') return { rawBody: sample.body };
  let body: Json;
  try {
    body = JSON.parse(sample.body) as Json;
  } catch (error) {
    return {
      field: 'body',
      message: 'signatureWorkbench.bodyNotJson',
      values: { reason: (error as Error).message },
    };
  }
  if (sample.bodyType === 'json') return { body };
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return {
      field: 'body',
      message: 'signatureWorkbench.formNeedsObject',
      values: { example: '{"amount": "10.00"}' },
    };
  return { body, form: true };
}

const isProblem = (value: object): value is SampleProblem => 'message' in value && 'field' in value;

/** The request part of a preview from the workbench's inputs, or what keeps it from being sent. */
export function sampleRequest(
  sample: SignatureSample,
): { request: SignatureSampleRequest; expected?: string; now?: number } | SampleProblem {
  const url = sample.url.trim();
  if (!url) return { field: 'url', message: 'signatureWorkbench.urlRequired' };
  const headers = parseHeaders(sample.headers);
  if (isProblem(headers)) return headers;
  const body = parseBody(sample);
  if (isProblem(body)) return body;
  const now = sample.now.trim();
  if (now && !/^\d+$/.test(now)) return { field: 'now', message: 'signatureWorkbench.nowInvalid' };
  const expected = sample.expected.trim();
  return {
    request: {
      method: sample.method.trim().toUpperCase() || 'POST',
      url,
      ...(Object.keys(headers).length > 0 && { headers }),
      ...body,
    },
    ...(expected !== '' && { expected }),
    ...(now !== '' && { now: Number(now) }),
  };
}

/**
 * Which credential the preview signs. A new one is the draft's fields (secrets as typed). A saved one
 * is named by id, with only what the user changed in this form: the secrets they typed and the public
 * fields that differ from what the form opened with, so everything else keeps its saved value.
 * (A field cleared here cannot be removed for the preview: the server keeps its saved value.)
 */
export function previewCredential(
  draft: CredentialDraft,
  kind: CredentialKindDescriptor | undefined,
  existing?: CredentialSummary,
): Pick<SignaturePreviewRequest, 'credentialId' | 'kind' | 'data'> {
  if (!existing) {
    const { data } = draftToBody(draft, kind);
    return { kind: draft.kind as 'signature' | 'card-platform', data };
  }
  const opened = initialDraft(kind, existing).values;
  const data: Record<string, Json> = {};
  for (const field of credentialFields(kind)) {
    if (field.secret) {
      if (draft.secrets[field.key]) data[field.key] = draft.secrets[field.key]!;
      continue;
    }
    const value = draft.values[field.key];
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(opened[field.key]))
      data[field.key] = value;
  }
  return { credentialId: existing.id, data };
}
