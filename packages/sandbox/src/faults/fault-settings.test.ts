import { describe, expect, it } from 'vitest';
import { resolveFaults } from './fault-settings.ts';
import { parseFaultConfig, parseFaultSettings } from './parse-fault-settings.ts';

describe('resolveFaults', () => {
  const config = {
    global: { latencyMs: 5, callbackNever: true },
    appKeys: { a: { latencyMs: 10, settlement: 'failed' as const } },
    products: { p: { settlement: 'success' as const } },
  };

  it('layers global, app key and product, most specific last', () => {
    expect(resolveFaults(config, 'a', 'p')).toEqual({
      latencyMs: 10,
      callbackNever: true,
      settlement: 'success',
    });
    expect(resolveFaults(config, 'a')).toEqual({ latencyMs: 10, callbackNever: true, settlement: 'failed' });
    expect(resolveFaults(config, 'b', 'q')).toEqual({ latencyMs: 5, callbackNever: true });
    expect(resolveFaults({}, 'a', 'p')).toEqual({});
  });
});

describe('parseFaultSettings', () => {
  it('accepts every known fault', () => {
    const all = {
      latencyMs: 1,
      http5xx: { status: 502, rate: 0.5 },
      dropAfterAccept: true,
      orderNotFoundMs: 1,
      callbackDelayMs: 1,
      callbackDuplicate: true,
      callbackOutOfOrderWindowMs: 1,
      callbackBeforeResponse: true,
      callbackNever: false,
      callbackBadSignature: true,
      rateLimitPerSecond: 3,
      settlement: 'failed',
    };
    expect(parseFaultSettings(all)).toEqual(all);
  });

  it.each([
    [{ latency: 5 }, 'unknown fault "latency"'],
    [{ latencyMs: -1 }, 'latencyMs must be a number'],
    [{ callbackNever: 'yes' }, 'callbackNever must be true or false'],
    [{ http5xx: { status: 404 } }, 'http5xx.status'],
    [{ http5xx: { rate: 2 } }, 'http5xx.rate'],
    [{ settlement: 'maybe' }, 'settlement must be'],
    [[], 'must be a JSON object'],
  ])('refuses %j', (value, message) => {
    expect(() => parseFaultSettings(value)).toThrow(
      expect.objectContaining({ code: 'JX_SANDBOX_FAULT_INVALID' }),
    );
    expect(() => parseFaultSettings(value)).toThrow(message);
  });

  it('checks whole configs', () => {
    expect(parseFaultConfig({ appKeys: { a: { latencyMs: 1 } } })).toEqual({
      appKeys: { a: { latencyMs: 1 } },
    });
    expect(() => parseFaultConfig({ appkeys: {} })).toThrow('unknown key "appkeys"');
    expect(() => parseFaultConfig({ products: { p: { nope: 1 } } })).toThrow('faults.products.p');
  });
});
