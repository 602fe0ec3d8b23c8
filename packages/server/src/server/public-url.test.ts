import { describe, expect, it } from 'vitest';
import { callbackUrl, isLoopbackUrl, publicUrlWarning, resolvePublicUrl } from './public-url.ts';

describe('public URL', () => {
  it('defaults to the listen URL, drops a trailing slash and refuses what is not http(s)', () => {
    expect(resolvePublicUrl(undefined, 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(resolvePublicUrl('https://j.example.com/', '')).toBe('https://j.example.com');
    expect(() => resolvePublicUrl('j.example.com', '')).toThrow(/JX_PUBLIC_URL_INVALID|absolute/);
    expect(() => resolvePublicUrl('ftp://j.example.com', '')).toThrow(/absolute http/);
    expect(callbackUrl('https://j.example.com', 'card-platform')).toBe(
      'https://j.example.com/callbacks/card-platform',
    );
  });

  it('knows loopback hosts', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:3000', 'http://0.0.0.0']) {
      expect(isLoopbackUrl(url)).toBe(true);
    }
    expect(isLoopbackUrl('https://10.0.0.5')).toBe(false);
  });

  it('warns only for HTTP roles on a shared database, when missing or loopback', () => {
    expect(publicUrlWarning('api', true, undefined)?.code).toBe('JX_PUBLIC_URL_MISSING');
    expect(publicUrlWarning('all', true, 'http://localhost:3000')?.code).toBe('JX_PUBLIC_URL_LOOPBACK');
    expect(publicUrlWarning('api', true, 'https://j.example.com')).toBeUndefined();
    expect(publicUrlWarning('worker', true, undefined)).toBeUndefined();
    expect(publicUrlWarning('all', false, undefined)).toBeUndefined();
  });
});
