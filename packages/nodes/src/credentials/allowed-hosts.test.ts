import type { ResolvedCredential } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { assertHostAllowed, isHostAllowed } from './allowed-hosts.ts';

const credential = (allowedHosts: string[]): ResolvedCredential => ({
  id: 'c1',
  kind: 'bearer',
  data: { token: 'T' },
  allowedHosts,
});

describe('isHostAllowed', () => {
  it('allows nothing when no host is listed (fails closed)', () => {
    expect(isHostAllowed('api.example.com', [])).toBe(false);
  });

  it('allows any host only with an explicit *', () => {
    expect(isHostAllowed('api.example.com', ['*'])).toBe(true);
    expect(isHostAllowed('127.0.0.1', [' * '])).toBe(true);
  });

  it('matches exact names and subdomain wildcards, never the apex through a wildcard', () => {
    expect(isHostAllowed('API.Example.com.', ['api.example.com'])).toBe(true);
    expect(isHostAllowed('a.b.example.com', ['*.example.com'])).toBe(true);
    expect(isHostAllowed('example.com', ['*.example.com'])).toBe(false);
    expect(isHostAllowed('evil-example.com', ['*.example.com'])).toBe(false);
  });
});

describe('assertHostAllowed', () => {
  it('refuses a credential without allowed hosts, saying so', () => {
    expect(() => assertHostAllowed(credential([]), 'https://api.example.com/x')).toThrow(
      expect.objectContaining({
        code: 'JX_CREDENTIAL_HOST_FORBIDDEN',
        message: expect.stringContaining('none'),
      }),
    );
  });

  it('accepts a listed host, brackets of IPv6 literals included', () => {
    expect(() => assertHostAllowed(credential(['::1']), 'http://[::1]:8080/')).not.toThrow();
  });
});
