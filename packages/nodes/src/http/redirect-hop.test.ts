import { describe, expect, it } from 'vitest';
import type { WireRequest } from '../credentials/request-shape.ts';
import { redirectHop } from './redirect-hop.ts';

const post: WireRequest = {
  method: 'POST',
  url: 'https://api.example.com/orders?sign=abc',
  headers: { authorization: 'Bearer t', cookie: 'c=1', 'content-type': 'application/json', 'x-trace': '1' },
  body: '{"sku":"A1"}',
};

describe('redirectHop', () => {
  it('turns 303 (and 301/302 after a POST) into a GET without body', () => {
    for (const status of [301, 302, 303]) {
      expect(redirectHop(post, status, '/done')).toEqual({
        method: 'GET',
        url: 'https://api.example.com/done',
        headers: { authorization: 'Bearer t', cookie: 'c=1', 'x-trace': '1' },
      });
    }
  });

  it('repeats method and body on 307 and 308', () => {
    expect(redirectHop(post, 307, 'https://api.example.com/v2/orders')).toMatchObject({
      method: 'POST',
      body: '{"sku":"A1"}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('drops authorization and cookies on a hop to another origin', () => {
    const hop = redirectHop(post, 308, 'https://mirror.example.net/orders');
    expect(hop).toMatchObject({ url: 'https://mirror.example.net/orders', body: '{"sku":"A1"}' });
    expect(Object.keys((hop as WireRequest).headers).sort()).toEqual(['content-type', 'x-trace']);
    expect(
      Object.keys((redirectHop(post, 308, 'http://api.example.com/orders') as WireRequest).headers),
    ).not.toContain('authorization');
  });

  it('is nothing for other statuses or a missing Location, and invalid for non-http(s) targets', () => {
    expect(redirectHop(post, 200, '/x')).toBeUndefined();
    expect(redirectHop(post, 304, '/x')).toBeUndefined();
    expect(redirectHop(post, 302, undefined)).toBeUndefined();
    expect(redirectHop(post, 302, 'file:///etc/passwd')).toBe('invalid');
    expect(redirectHop(post, 302, 'http://[bad')).toBe('invalid');
  });
});
