import jsonata from 'jsonata';

/** What the Versions tab's canary fields hold, as typed. */
export interface CanaryFormValues {
  /** Version number of the canary; empty = no canary. */
  version: string;
  percent: string;
  /** JSONata over the trigger payload whose value picks the bucket (same key → same version). */
  routingKey: string;
  /** JSONata over the trigger payload; only payloads for which it is `true` may go to the canary. */
  match: string;
}

/** The `canary` of `POST /api/flows/:id/deploy`. */
export interface CanaryRequest {
  version: number;
  percent: number;
  routingKey?: string;
  match?: string;
}

/** A problem with one canary field, shown under it before anything is sent. */
export interface CanaryFieldProblem {
  field: keyof CanaryFormValues;
  code: 'JX_CANARY_VERSION_INVALID' | 'JX_CANARY_PERCENT_INVALID' | 'JX_EXPRESSION_SYNTAX';
  message: string;
}

/** An empty form: no canary, 10 % once a version is chosen. */
export const EMPTY_CANARY: CanaryFormValues = { version: '', percent: '10', routingKey: '', match: '' };

/** The JSONata text of a field (a leading `=` is allowed, as in node config). */
const source = (text: string) => {
  const trimmed = text.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1) : trimmed;
};

function syntaxError(text: string): string | null {
  if (!source(text)) return null;
  try {
    jsonata(source(text));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every problem of the form, field by field (none when no canary version is chosen). */
export function canaryProblems(values: CanaryFormValues): CanaryFieldProblem[] {
  if (!values.version.trim()) return [];
  const problems: CanaryFieldProblem[] = [];
  const version = Number(values.version);
  if (!Number.isInteger(version) || version < 1) {
    problems.push({
      field: 'version',
      code: 'JX_CANARY_VERSION_INVALID',
      message: `JX_CANARY_VERSION_INVALID: “${values.version}” is not a version number; pick one from the list below.`,
    });
  }
  const percent = Number(values.percent);
  if (values.percent.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    problems.push({
      field: 'percent',
      code: 'JX_CANARY_PERCENT_INVALID',
      message: 'JX_CANARY_PERCENT_INVALID: the share must be a number from 0 to 100.',
    });
  }
  for (const field of ['routingKey', 'match'] as const) {
    const reason = syntaxError(values[field]);
    if (reason) {
      problems.push({
        field,
        code: 'JX_EXPRESSION_SYNTAX',
        message: `JX_EXPRESSION_SYNTAX: this is not a valid JSONata expression: ${reason}`,
      });
    }
  }
  return problems;
}

/**
 * The request's `canary`, or undefined for none. Only call it when {@link canaryProblems} is empty.
 * Routing key and match go to their own fields: a key sent as `match` would route nothing (a key's
 * value is never the boolean `true`).
 */
export function canaryRequest(values: CanaryFormValues): CanaryRequest | undefined {
  if (!values.version.trim()) return undefined;
  const routingKey = values.routingKey.trim();
  const match = values.match.trim();
  return {
    version: Number(values.version),
    percent: Number(values.percent),
    ...(routingKey && { routingKey: withPrefix(routingKey) }),
    ...(match && { match: withPrefix(match) }),
  };
}

const withPrefix = (text: string) => (text.startsWith('=') ? text : `=${text}`);
