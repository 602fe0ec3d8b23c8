// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from './audit-types.ts';

/** The server's list of audit actions, read as text: the editor never imports server code. */
function serverActions(): string[] {
  const source = readFileSync(
    fileURLToPath(new URL('../../../server/src/audit/audit-actions.ts', import.meta.url)),
    'utf8',
  );
  const list = source.slice(source.indexOf('export const AUDIT_ACTIONS'), source.indexOf('] as const'));
  return [...list.matchAll(/'([a-z_.]+)'/g)].map((match) => match[1] as string);
}

describe('audit actions', () => {
  it('the editor filters by exactly the actions the server records', () => {
    const server = serverActions();
    expect(server.length).toBeGreaterThan(10);
    expect([...AUDIT_ACTIONS].sort()).toEqual([...server].sort());
  });
});
