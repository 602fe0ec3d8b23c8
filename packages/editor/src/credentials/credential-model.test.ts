import { describe, expect, it } from 'vitest';
import { nodeTypesFixture } from '../../test/support/fixtures.ts';
import type { CredentialSummary } from '../api/api-types.ts';
import {
  credentialFields,
  draftErrors,
  draftToBody,
  followUrlHosts,
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
    expect(['api.example.com', '*.example.com', 'localhost', '127.0.0.1', '*'].every(isHostPattern)).toBe(
      true,
    );
    expect(['http://x.com', 'a b', '*.', 'x.com/path'].some(isHostPattern)).toBe(false);
  });

  it('requires at least one allowed host ("*" is the explicit way to allow any)', () => {
    const draft = { ...initialDraft(bearer), name: 'Shop', secrets: { token: 'x' } };
    expect(draftErrors(draft, bearer).get('allowedHosts')).toMatch(/at least one host.*"\*"/);
    expect(draftErrors({ ...draft, allowedHosts: ['', ' '] }, bearer).has('allowedHosts')).toBe(true);
    expect(draftErrors({ ...draft, allowedHosts: ['*'] }, bearer).size).toBe(0);
  });

  it('pre-fills allowed hosts from the kind’s URL fields until the user writes their own', () => {
    const cardPlatform = {
      kind: 'card-platform',
      schema: {
        type: 'object',
        properties: {
          appKey: { type: 'string' },
          gatewayUrl: { type: 'string', format: 'uri' },
        },
      },
    };
    const empty = initialDraft(cardPlatform);
    const typing = followUrlHosts(
      empty,
      { ...empty, values: { gatewayUrl: 'https://api.sup' } },
      cardPlatform,
    );
    expect(typing.allowedHosts).toEqual(['api.sup']);
    const typed = followUrlHosts(
      typing,
      { ...typing, values: { gatewayUrl: 'https://api.supplier.example:8443/api/gateway' } },
      cardPlatform,
    );
    expect(typed.allowedHosts).toEqual(['api.supplier.example']);
    expect(
      followUrlHosts(typed, { ...typed, values: { gatewayUrl: 'not a url' } }, cardPlatform).allowedHosts,
    ).toEqual([]);
    // A host the user wrote stays, whatever the URL becomes.
    const own = { ...typed, allowedHosts: ['*.supplier.example'] };
    expect(
      followUrlHosts(own, { ...own, values: { gatewayUrl: 'https://other.example' } }, cardPlatform)
        .allowedHosts,
    ).toEqual(['*.supplier.example']);
  });
});
