import type { CredentialKindDescriptor, CredentialSummary } from '../api/api-types.ts';
import type { Json, JsonSchema } from '../document/flow-types.ts';
import { humanize } from '../forms/schema-model.ts';
import { translator } from '../i18n/i18n.ts';

/** One field of a credential kind's form. */
export interface CredentialField {
  key: string;
  schema: JsonSchema;
  title: string;
  description?: string;
  required: boolean;
  /** Write-only: shown as a password input, never pre-filled, never read back from the server. */
  secret: boolean;
}

/** What the credential form edits. Secrets typed in this session live only here, never in the store. */
export interface CredentialDraft {
  name: string;
  kind: string;
  /** One host pattern per entry (`api.example.com`, `*.example.com`). */
  allowedHosts: string[];
  values: Record<string, Json>;
  secrets: Record<string, string>;
}

/** Body of `POST /api/credentials` and `PUT /api/credentials/:id`. */
export interface CredentialBody {
  name: string;
  kind: string;
  allowedHosts: string[];
  data: Record<string, Json>;
}

/** The form fields of a kind, in schema order. */
export function credentialFields(kind: CredentialKindDescriptor | undefined): CredentialField[] {
  const schema = kind?.schema ?? {};
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([key, field]) => ({
    key,
    schema: field,
    title: (field.title as string | undefined) ?? humanize(key),
    ...(typeof field.description === 'string' && { description: field.description }),
    required: required.has(key),
    secret: field['x-secret'] === true || field.writeOnly === true,
  }));
}

/** A draft for a new credential of `kind` (defaults filled in), or for editing `existing`. */
export function initialDraft(
  kind: CredentialKindDescriptor | undefined,
  existing?: CredentialSummary,
): CredentialDraft {
  const values: Record<string, Json> = {};
  for (const field of credentialFields(kind)) {
    if (field.secret) continue;
    const current = existing?.fields[field.key];
    if (current !== undefined) values[field.key] = current;
    else if (field.schema.default !== undefined) values[field.key] = field.schema.default as Json;
  }
  return {
    name: existing?.name ?? '',
    kind: kind?.kind ?? existing?.kind ?? '',
    allowedHosts: [...(existing?.allowedHosts ?? [])],
    values,
    secrets: {},
  };
}

const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/**
 * True for `api.example.com`, `*.example.com`, `localhost`, `127.0.0.1`, and `*` (any host, an explicit
 * opt-in); false for URLs and paths.
 */
export function isHostPattern(value: string): boolean {
  const host = value.trim();
  return host === '*' || HOST_PATTERN.test(host);
}

/** True for the fields of a kind that hold a URL the credential is used with (e.g. a gateway URL). */
function isUrlField(field: CredentialField): boolean {
  return !field.secret && (field.schema.format === 'uri' || /url$/i.test(field.key));
}

/**
 * Hosts the credential's own URL fields point at (the card platform's gateway URL, say), in field
 * order without duplicates: the natural allowed hosts, so the form pre-fills them.
 */
export function hostsFromUrlFields(
  draft: CredentialDraft,
  kind: CredentialKindDescriptor | undefined,
): string[] {
  const hosts: string[] = [];
  for (const field of credentialFields(kind)) {
    const value = draft.values[field.key];
    if (!isUrlField(field) || typeof value !== 'string') continue;
    try {
      const host = new URL(value.trim()).hostname.replace(/^\[|\]$/g, '').toLowerCase();
      if (host && !hosts.includes(host)) hosts.push(host);
    } catch {
      // Not a URL yet (still being typed).
    }
  }
  return hosts;
}

/**
 * `next` with its allowed hosts following its URL fields, as long as the user has not written hosts of
 * their own: empty hosts, or exactly the ones suggested for `previous`, are replaced by the suggestion.
 */
export function followUrlHosts(
  previous: CredentialDraft,
  next: CredentialDraft,
  kind: CredentialKindDescriptor | undefined,
): CredentialDraft {
  const typed = next.allowedHosts.map((h) => h.trim()).filter(Boolean);
  const suggestedBefore = hostsFromUrlFields(previous, kind);
  const untouched = typed.length === 0 || typed.join('\n') === suggestedBefore.join('\n');
  if (!untouched) return next;
  const suggested = hostsFromUrlFields(next, kind);
  return suggested.length || typed.length ? { ...next, allowedHosts: suggested } : next;
}

/**
 * Problems with a draft, by field key (`name`, `allowedHosts`, or a field of the kind). A required
 * secret is only required when it is not set yet: leaving it empty while editing keeps the old value.
 */
export function draftErrors(
  draft: CredentialDraft,
  kind: CredentialKindDescriptor | undefined,
  existing?: CredentialSummary,
): Map<string, string> {
  const { t } = translator();
  const errors = new Map<string, string>();
  if (!draft.name.trim()) errors.set('name', t('credential.error.name'));
  if (!kind) errors.set('kind', t('credential.error.kind'));
  const badHost = draft.allowedHosts.find((h) => h.trim() && !isHostPattern(h));
  if (badHost) {
    errors.set('allowedHosts', t('credential.error.badHost', { host: badHost }));
  } else if (!draft.allowedHosts.some((h) => h.trim())) {
    errors.set('allowedHosts', t('credential.error.hostsRequired'));
  }
  for (const field of credentialFields(kind)) {
    if (!field.required) continue;
    if (field.secret) {
      const alreadySet = existing?.secretFields.includes(field.key) ?? false;
      if (!alreadySet && !draft.secrets[field.key]) errors.set(field.key, `${field.title} is required.`);
    } else {
      const value = draft.values[field.key];
      if (value === undefined || value === '') errors.set(field.key, `${field.title} is required.`);
    }
  }
  return errors;
}

/**
 * The request body for a draft. Secrets left empty are not sent, so the server keeps their value;
 * public fields cleared on edit are sent as `null`, which removes them.
 */
export function draftToBody(
  draft: CredentialDraft,
  kind: CredentialKindDescriptor | undefined,
  existing?: CredentialSummary,
): CredentialBody {
  const data: Record<string, Json> = {};
  for (const field of credentialFields(kind)) {
    if (field.secret) {
      if (draft.secrets[field.key]) data[field.key] = draft.secrets[field.key]!;
      continue;
    }
    const value = draft.values[field.key];
    if (value !== undefined && value !== '') data[field.key] = value;
    else if (existing && existing.fields[field.key] !== undefined) data[field.key] = null;
  }
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    allowedHosts: draft.allowedHosts.map((h) => h.trim().toLowerCase()).filter(Boolean),
    data,
  };
}
