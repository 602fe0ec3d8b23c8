import { createHash, createHmac } from 'node:crypto';
import type { Json, ResolvedCredential } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { signRequest } from './sign-request.ts';
import { verifyIncoming } from './verify-incoming.ts';

const cred = (
  kind: string,
  data: Record<string, Json>,
  allowedHosts: string[] = ['*'],
): ResolvedCredential => ({
  id: `cred-${kind}`,
  kind,
  data,
  allowedHosts,
});
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5);
const opts = { now: () => NOW, nonce: () => 'n0nce' };

describe('signRequest', () => {
  it('serialises without a credential', async () => {
    const wire = await signRequest(undefined, {
      method: 'post',
      url: 'http://x.test/a?k=1',
      query: { q: 'a b' },
      headers: { 'Content-Type': 'text/plain' },
      body: { type: 'raw', value: 'hi', contentType: 'text/csv' },
    });
    expect(wire).toEqual({
      method: 'POST',
      url: 'http://x.test/a?k=1&q=a+b',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
  });

  it('adds bearer and basic Authorization headers', async () => {
    const bearer = await signRequest(cred('bearer', { token: 'T' }), {
      method: 'GET',
      url: 'http://x.test/',
    });
    expect(bearer.headers.authorization).toBe('Bearer T');
    const basic = await signRequest(cred('basic', { username: 'u', password: 'p' }), {
      method: 'GET',
      url: 'http://x.test/',
    });
    expect(basic.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('refuses hosts outside the allowed list, before signing', async () => {
    const bearer = cred('bearer', { token: 'T' }, ['api.good.test', '*.partner.test']);
    await expect(signRequest(bearer, { method: 'GET', url: 'https://evil.test/' })).rejects.toThrow(
      expect.objectContaining({ code: 'JX_CREDENTIAL_HOST_FORBIDDEN' }),
    );
    await expect(signRequest(bearer, { method: 'GET', url: 'https://partner.test/' })).rejects.toThrow(
      expect.objectContaining({ code: 'JX_CREDENTIAL_HOST_FORBIDDEN' }),
    );
    expect(
      (await signRequest(bearer, { method: 'GET', url: 'https://a.b.partner.test/' })).headers.authorization,
    ).toBe('Bearer T');
    expect(
      (await signRequest(bearer, { method: 'GET', url: 'https://API.good.test./x' })).headers.authorization,
    ).toBe('Bearer T');
  });

  it('names the missing field without revealing secrets', async () => {
    await expect(signRequest(cred('bearer', {}), { method: 'GET', url: 'http://x.test/' })).rejects.toThrow(
      expect.objectContaining({
        code: 'JX_CREDENTIAL_INVALID',
        details: expect.objectContaining({ field: 'token' }),
      }),
    );
  });

  it('puts an HMAC-SHA256 of timestamp.body into a header', async () => {
    const hmac = cred('hmac-header', {
      secret: 'K',
      headerName: 'X-Sig',
      prefix: 'sha256=',
      timestampHeader: 'X-Ts',
    });
    const wire = await signRequest(
      hmac,
      { method: 'POST', url: 'http://x.test/', body: { type: 'json', value: { a: 1 } } },
      opts,
    );
    const ts = String(NOW / 1000);
    expect(wire.headers['x-ts']).toBe(ts);
    expect(wire.headers['x-sig']).toBe(
      `sha256=${createHmac('sha256', 'K').update(`${ts}.{"a":1}`).digest('hex')}`,
    );
    expect(await verifyIncoming(hmac, { headers: wire.headers, rawBody: wire.body }, opts)).toEqual({
      ok: true,
    });
  });

  it('signs a card-platform envelope: app_key and UTC+8 timestamp added, sign in the body', async () => {
    const cp = cred('card-platform', {
      appKey: 'AK',
      appSecret: 'SEC',
      gatewayUrl: 'http://x.test/api/gateway',
    });
    const wire = await signRequest(
      cp,
      {
        method: 'POST',
        url: 'http://x.test/api/gateway',
        body: { type: 'json', value: { method: 'user.info.get' } },
      },
      opts,
    );
    const body = JSON.parse(wire.body ?? '{}') as Record<string, string>;
    expect(body.app_key).toBe('AK');
    expect(body.timestamp).toBe('2024-01-02 11:04:05');
    const { sign, ...rest } = body;
    expect(sign).toBe(md5(`${JSON.stringify(rest).split('').sort().join('')}SEC`));
    expect(await verifyIncoming(cp, { body }, opts)).toEqual({ ok: true });
  });

  it('signs query parameters into a query signature with timestamp and nonce', async () => {
    const sig = cred('signature', {
      secret: 'S',
      appKey: 'AK',
      appKeyField: 'appid',
      paramsFrom: 'query',
      placement: 'query',
      timestampField: 'ts',
      nonceField: 'nonce',
      append: ['key-secret'],
      encoding: 'hex-upper',
    });
    const wire = await signRequest(sig, { method: 'GET', url: 'http://x.test/p', query: { b: '2' } }, opts);
    const url = new URL(wire.url);
    const canonical = `appid=AK&b=2&nonce=n0nce&ts=${NOW / 1000}&key=S`;
    expect(url.searchParams.get('sign')).toBe(md5(canonical).toUpperCase());
    const query = Object.fromEntries(url.searchParams);
    expect(await verifyIncoming(sig, { query }, opts)).toEqual({ ok: true });
  });

  it('signs form bodies into a header', async () => {
    const sig = cred('signature', {
      secret: 'S',
      placement: 'header',
      signatureField: 'X-Sign',
      hash: 'sha256',
    });
    const wire = await signRequest(sig, {
      method: 'POST',
      url: 'http://x.test/',
      body: { type: 'form', value: { b: 2, a: 'x' } },
    });
    expect(wire.body).toBe('b=2&a=x');
    expect(wire.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(wire.headers['x-sign']).toBe(createHash('sha256').update('a=x&b=2S').digest('hex'));
  });

  it('signs a raw body into a header, with the timestamp beside it', async () => {
    const sig = cred('signature', {
      secret: 'S',
      placement: 'header',
      signatureField: 'X-Sign',
      timestampField: 'X-Ts',
      prepend: ['timestamp'],
      hash: 'hmac-sha256',
    });
    const wire = await signRequest(
      sig,
      { method: 'POST', url: 'http://x.test/', body: { type: 'raw', value: 'abc' } },
      opts,
    );
    const ts = String(NOW / 1000);
    expect(wire.headers['x-ts']).toBe(ts);
    expect(wire.headers['x-sign']).toBe(createHmac('sha256', 'S').update(`${ts}abcS`).digest('hex'));
    expect(await verifyIncoming(sig, { headers: wire.headers, rawBody: 'abc' }, opts)).toEqual({ ok: true });
  });

  it('refuses a body-field signature on a raw body', async () => {
    const sig = cred('signature', { secret: 'S' });
    await expect(
      signRequest(sig, { method: 'POST', url: 'http://x.test/', body: { type: 'raw', value: 'abc' } }),
    ).rejects.toEqual(expect.objectContaining({ code: 'JX_CREDENTIAL_INVALID' }));
  });

  it('rejects a signature credential with an unknown option value', async () => {
    const sig = cred('signature', { secret: 'S', hash: 'crc32' });
    await expect(signRequest(sig, { method: 'POST', url: 'http://x.test/' })).rejects.toThrow(
      expect.objectContaining({
        code: 'JX_CREDENTIAL_INVALID',
        details: expect.objectContaining({ field: 'hash' }),
      }),
    );
  });
});

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
