import { EditorError } from '../errors/editor-error.ts';

/** A failed save, split into what belongs next to a field and what belongs under the form. */
export interface CredentialSaveFailure {
  /** Messages by form field key (`allowedHosts`, `name`, or a field of the kind). */
  fields: Map<string, string>;
  /** The server's sentence, for the form's footer. */
  message: string;
  code: string;
}

/**
 * Reads a server error for the credential form: `details.field` (e.g. `JX_CREDENTIAL_HOSTS_REQUIRED`
 * names `allowedHosts`) and `details.problems` pointers under `/data/<field>` are shown at their field,
 * so the user sees the sentence next to what to fix instead of a code in a corner.
 */
export function credentialSaveFailure(error: unknown): CredentialSaveFailure {
  if (!(error instanceof EditorError)) {
    return { fields: new Map(), message: String(error), code: 'JX_EDITOR_UNEXPECTED' };
  }
  const fields = new Map<string, string>();
  const { field, problems } = error.details as {
    field?: unknown;
    problems?: Array<{ pointer?: string; message?: string }>;
  };
  if (typeof field === 'string') fields.set(field, error.message);
  for (const problem of Array.isArray(problems) ? problems : []) {
    const match = /^\/data\/([^/]+)/.exec(problem.pointer ?? '');
    if (match && problem.message) fields.set(match[1]!, problem.message);
  }
  return { fields, message: error.message, code: error.code };
}
