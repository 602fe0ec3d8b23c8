/** Filters of the Audit tab; empty strings filter nothing. */
export interface AuditFilterState {
  actor: string;
  action: string;
  target: string;
}

/** The `GET /api/audit` path for the filters, from a cursor (the next page) or the newest entries. */
export function auditPath(filter: AuditFilterState, cursor?: string): string {
  const query = new URLSearchParams({ limit: '50' });
  for (const [name, value] of Object.entries(filter)) if (value.trim()) query.set(name, value.trim());
  if (cursor) query.set('cursor', cursor);
  return `/api/audit?${query}`;
}

/** A detail object as one short line: `key: value` pairs, lists joined by commas. */
export function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join(' · ');
}
