import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { ingressSettings } from './ingress-options.ts';

describe('junction serve ingress flags', () => {
  it('reads flags before the environment, windows in seconds, and trust-proxy as boolean or list', () => {
    expect(ingressSettings({}, {})).toEqual({});
    expect(
      ingressSettings(
        { rateLimitClient: '10', trustProxy: '10.0.0.0/8, loopback' },
        { JUNCTION_RATE_LIMIT_CLIENT: '99', JUNCTION_RATE_LIMIT_FLOW: '0', JUNCTION_RATE_LIMIT_WINDOW: '30' },
      ),
    ).toEqual({
      trustProxy: '10.0.0.0/8, loopback',
      rateLimit: { perClient: 10, perFlow: 0, windowMs: 30_000 },
    });
    expect(ingressSettings({}, { JUNCTION_TRUST_PROXY: 'true' })).toEqual({ trustProxy: true });
  });

  it('refuses a limit that is not a whole number with a coded error and the usage exit code', async () => {
    expect(() => ingressSettings({ rateLimitWindow: '0' }, {})).toThrow(
      /JX_CLI_RATE_LIMIT_INVALID|at least 1/,
    );
    let err = '';
    const code = await main(['node', 'junction', 'serve', '--rate-limit-client', 'lots'], {
      out: () => {},
      err: (text) => {
        err += text;
      },
    });
    expect(code).toBe(2);
    expect(err).toContain('JX_CLI_RATE_LIMIT_INVALID');
    expect(err).toContain('--rate-limit-client');
  });
});
