import { type Json, JunctionError } from '@junction/runtime';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type CredentialKindDescriptor, credentialProblems } from '../integration/runtime-glue.ts';

// ajv-formats is CommonJS: depending on the loader the default import is the plugin or its module.
type FormatsPlugin = (ajv: Ajv) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

/** Checks a credential's fields (public and secret together) against its kind; throws when they do not fit. */
export type CredentialDataCheck = (kind: string, data: Record<string, Json>) => void;

/** `*` alone means any host (an explicit opt-in); otherwise at least one host pattern is required. */
export function assertAllowedHosts(hosts: readonly string[] | undefined, id: string): void {
  if (hosts?.some((h) => h.trim() !== '')) return;
  throw new JunctionError(
    'JX_CREDENTIAL_HOSTS_REQUIRED',
    `Credential ${id} needs at least one allowed host (e.g. api.supplier.com or *.supplier.com); use "*" to allow any host.`,
    { id, field: 'allowedHosts' },
  );
}

/**
 * A check built from the kinds' JSON Schemas (compiled once). Unknown kinds are refused
 * (`JX_CREDENTIAL_KIND_UNKNOWN`): nothing could use them, and their fields could not be checked.
 * Problems carry pointers under `/data`, with secret values never quoted.
 */
export function credentialDataCheck(kinds: readonly CredentialKindDescriptor[]): CredentialDataCheck {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // Without the formats, `format: 'uri'` (a gateway URL) was ignored and ajv warned at every start.
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  for (const k of kinds) validators.set(k.kind, ajv.compile(k.schema as object));
  return (kind, data) => {
    const validate = validators.get(kind);
    if (!validate) {
      throw new JunctionError(
        'JX_CREDENTIAL_KIND_UNKNOWN',
        `Credential kind ${kind} is unknown; use one of ${[...validators.keys()].join(', ')}.`,
        { kind, kinds: [...validators.keys()] },
      );
    }
    const problems = validate(data)
      ? // What the schema cannot say, e.g. a signing recipe that could not be evaluated.
        credentialProblems(kind, data).map((p) => ({ pointer: `/data${p.pointer}`, message: p.message }))
      : (validate.errors ?? []).map((e) => {
          const missing =
            e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
          return { pointer: `/data${e.instancePath}${missing}`, message: e.message ?? 'is invalid' };
        });
    if (problems.length === 0) return;
    throw new JunctionError(
      'JX_CREDENTIAL_INVALID',
      `The ${kind} credential's fields do not fit its kind: ${problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}.`,
      { kind, problems },
    );
  };
}
