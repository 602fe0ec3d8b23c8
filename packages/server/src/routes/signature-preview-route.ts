import { type Json, JunctionError, type ResolvedCredential } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { credentialProblems, previewSignature } from '../integration/runtime-glue.ts';

interface PreviewBody {
  credentialId?: string;
  kind?: string;
  data?: Record<string, Json>;
  request: {
    method: string;
    url: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: Json;
    rawBody?: string;
    form?: boolean;
  };
  expected?: string;
  now?: number;
}

const PREVIEW_BODY = {
  type: 'object',
  required: ['request'],
  additionalProperties: false,
  properties: {
    credentialId: { type: 'string', description: 'A saved credential; `data` then overrides its fields.' },
    kind: { type: 'string', description: 'signature (default) or card-platform, without `credentialId`.' },
    data: { type: 'object', description: 'Credential fields (secrets included; never echoed back).' },
    request: {
      type: 'object',
      required: ['method', 'url'],
      additionalProperties: false,
      properties: {
        method: { type: 'string', minLength: 1 },
        url: { type: 'string', minLength: 1 },
        query: { type: 'object', additionalProperties: { type: 'string' } },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        body: { description: 'A JSON body (an object to sign field by field).' },
        rawBody: { type: 'string', description: 'The body as text, signed byte for byte.' },
        form: { type: 'boolean', description: 'Send `body` as a form instead of JSON.' },
      },
    },
    expected: { type: 'string', description: "The signature the supplier's documentation shows." },
    now: { type: 'integer', description: 'The clock for generated timestamps (epoch ms; default now).' },
  },
} as const;

/**
 * The signature workbench's API: signs a sample request with a recipe without saving or sending
 * anything, and compares the result with the documentation's signature. Secrets never come back.
 */
export function signaturePreviewRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Body: PreviewBody }>(
    '/api/credentials/preview-signature',
    {
      config: { access: 'credentials:write' },
      schema: {
        summary:
          'Preview a signing recipe on a sample request: canonical string, signature, first difference',
        tags: ['credentials'],
        body: PREVIEW_BODY,
      },
    },
    async (request) => {
      const { credentialId, data = {}, expected, now } = request.body;
      const credential = await credentialFor(ctx, credentialId, request.body.kind, data);
      const problems = credentialProblems(credential.kind, credential.data);
      if (problems.length > 0) {
        throw new JunctionError(
          'JX_CREDENTIAL_INVALID',
          `The recipe cannot be evaluated: ${problems.map((p) => `/data${p.pointer} ${p.message}`).join('; ')}.`,
          { problems: problems.map((p) => ({ pointer: `/data${p.pointer}`, message: p.message })) },
        );
      }
      const sample = request.body.request;
      const body =
        sample.rawBody !== undefined
          ? { type: 'raw' as const, value: sample.rawBody }
          : sample.body !== undefined
            ? sample.form
              ? { type: 'form' as const, value: sample.body as Record<string, Json> }
              : { type: 'json' as const, value: sample.body }
            : undefined;
      return previewSignature(
        credential,
        {
          method: sample.method,
          url: sample.url,
          ...(sample.query ? { query: sample.query } : {}),
          ...(sample.headers ? { headers: sample.headers } : {}),
          ...(body ? { body } : {}),
        },
        { ...(now !== undefined ? { now } : {}), ...(expected !== undefined ? { expected } : {}) },
      );
    },
  );
}

async function credentialFor(
  ctx: ServerContext,
  id: string | undefined,
  kind: string | undefined,
  data: Record<string, Json>,
): Promise<ResolvedCredential> {
  const overrides = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
  if (id === undefined)
    return { id: 'preview', kind: kind ?? 'signature', data: overrides, allowedHosts: ['*'] };
  const saved = await ctx.vault.resolve(id);
  if (!saved) {
    throw new JunctionError('JX_CREDENTIAL_NOT_FOUND', `Credential ${id} does not exist.`, { id });
  }
  // Allowed hosts do not apply: nothing is sent.
  return { ...saved, data: { ...saved.data, ...overrides }, allowedHosts: ['*'] };
}
