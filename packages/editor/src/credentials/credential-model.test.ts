import { describe, expect, it } from 'vitest';
import { nodeTypesFixture } from '../../test/support/fixtures.ts';
import type { CredentialSummary } from '../api/api-types.ts';
import {
  credentialFields,
  draftErrors,
  draftToBody,
  initialDraft,
  isHostPattern,
} from './credential-model.ts';

const kinds = nodeTypesFixture().credentialKinds;
const bearer = kinds.find((k) => k.kind === 'bearer')!;
const signature = kinds.find((k) => k.kind === 'signature')!;

const stored: CredentialSummary = {
  id: 'sig',
  name: 'Supplier',
  kind: 'signature',
  allowedHosts: ['api.example.com'],
  fields: { appKey: 'k1', sort: 'none' },
  secretFields: ['secret'],
  createdAt: 1,
  updatedAt: 1,
};

describe('credential form model', () => {
  it('marks secret fields write-only and fills defaults of public ones', () => {
    expect(credentialFields(signature).map((f) => [f.key, f.secret, f.required])).toEqual([
      ['secret', true, true],
      ['appKey', false, false],
      ['sort', false, false],
    ]);
    expect(initialDraft(signature)).toEqual({
      name: '',
      kind: 'signature',
      allowedHosts: [],
      values: { sort: 'key-asc' },
      secrets: {},
    });
  });

  it('requires a new credential’s secrets but keeps a stored secret when left empty on edit', () => {
    const fresh = { ...initialDraft(bearer), name: 'Shop API' };
    expect(draftErrors(fresh, bearer).get('token')).toBe('Token is required.');
    expect(draftToBody({ ...fresh, secrets: { token: 't0k3n' } }, bearer).data).toEqual({ token: 't0k3n' });

    const editing = initialDraft(signature, stored);
    expect(editing.secrets).toEqual({});
    expect(draftErrors(editing, signature, stored).size).toBe(0);
    const body = draftToBody({ ...editing, values: { sort: 'none' } }, signature, stored);
    // The secret is not sent (kept on the server); the cleared app key is removed with null.
    expect(body).toEqual({
      name: 'Supplier',
      kind: 'signature',
      allowedHosts: ['api.example.com'],
      data: { appKey: null, sort: 'none' },
    });
  });

  it('checks names and host patterns with sentences a user can act on', () => {
    const draft = {
      ...initialDraft(bearer),
      allowedHosts: ['https://api.example.com/v1'],
      secrets: { token: 'x' },
    };
    const errors = draftErrors(draft, bearer);
    expect(errors.get('name')).toMatch(/name/);
    expect(errors.get('allowedHosts')).toContain('not a host name');
    expect(['api.example.com', '*.example.com', 'localhost', '127.0.0.1'].every(isHostPattern)).toBe(true);
    expect(['http://x.com', 'a b', '*.', 'x.com/path'].some(isHostPattern)).toBe(false);
  });
});
