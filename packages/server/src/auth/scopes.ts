/** Every scope a token may hold. `admin` implies all of them. */
export const SCOPES = [
  'flows:read',
  /** Read sensitive run values (card numbers, card passwords) in plain text; without it they are masked. */
  'runs:secrets',
  'flows:write',
  'runs:write',
  'deploy',
  'credentials:write',
  'metrics:read',
  /** Read the audit log (who changed flows, deployments, credentials, tokens, environments). */
  'audit:read',
  'admin',
] as const;

/** A token scope. */
export type Scope = (typeof SCOPES)[number];

/**
 * What a route requires: a scope, or `public` for routes that authenticate by their own means
 * (health, webhooks and callbacks verify signatures; the editor's static files hold no data).
 */
export type RouteAccess = Scope | 'public';

/** True when `granted` satisfies `required`. */
export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.includes('admin') || granted.includes(required);
}

/** True when `value` names a scope. */
export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
