import { credentialKinds } from '@junction/nodes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { credentialDataCheck } from './check-credential-data.ts';

afterEach(() => vi.restoreAllMocks());

describe('credentialDataCheck', () => {
  it('compiles every built-in kind without warning about unknown formats', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    credentialDataCheck(credentialKinds);
    expect(warn).not.toHaveBeenCalled();
  });

  it('checks format "uri" fields', () => {
    const check = credentialDataCheck(credentialKinds);
    const data = (gatewayUrl: string) => ({ appKey: 'AK', appSecret: 'S', gatewayUrl });
    expect(() => check('card-platform', data('https://api.supplier.test/api/gateway'))).not.toThrow();
    expect(() => check('card-platform', data('not a url'))).toThrow(
      expect.objectContaining({
        code: 'JX_CREDENTIAL_INVALID',
        details: expect.objectContaining({
          problems: [{ pointer: '/data/gatewayUrl', message: 'must match format "uri"' }],
        }),
      }),
    );
  });
});
