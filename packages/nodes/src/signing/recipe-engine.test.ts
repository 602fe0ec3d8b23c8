import { createHash, createHmac } from 'node:crypto';
import type { Json } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { recipeProblems } from './check-recipe.ts';
import { signView, verifyView } from './recipe-engine.ts';
import type { SigningRecipe } from './recipe-types.ts';
import type { MessageView } from './render-canonical.ts';

// The recipe vocabulary beyond the presets, each against a canonical string written by hand.

const view = (overrides: Partial<MessageView> = {}): MessageView => ({
  method: 'post',
  path: '/v3/orders',
  query: {},
  headers: {},
  body: { b: 'x y', a: '1', empty: '', nested: { z: 2, y: [1, 'é'] } },
  rawBody: '',
  ...overrides,
});
const base = (overrides: Partial<SigningRecipe>): SigningRecipe => ({
  parts: [{ type: 'params', from: 'body' }],
  algorithm: 'md5',
  encoding: 'hex-lower',
  signature: [{ in: 'body', name: 'sign' }],
  ...overrides,
});
const hash = (algorithm: string, text: string) => createHash(algorithm).update(text, 'utf8').digest();

describe('signing recipes', () => {
  it('writes nested values as compact JSON, and canonical JSON sorts keys at every depth', async () => {
    const pairs = await signView(base({}), view(), {});
    expect(pairs.canonical).toBe('a=1&b=x y&empty=&nested={"z":2,"y":[1,"é"]}');
    const canonical = await signView(
      base({ parts: [{ type: 'params', from: 'body', join: 'canonical-json' }] }),
      view(),
      {},
    );
    expect(canonical.canonical).toBe('{"a":"1","b":"x y","empty":"","nested":{"y":[1,"é"],"z":2}}');
  });

  it('URL-encodes keys and values per RFC 3986 or as a form, and joins values only', async () => {
    const rfc = base({
      parts: [
        { type: 'params', from: 'body', fields: ['b', 'nested'], order: 'listed', urlEncode: 'rfc3986' },
      ],
    });
    expect((await signView(rfc, view(), {})).canonical).toBe(
      `b=x%20y&nested=${encodeURIComponent('{"z":2,"y":[1,"é"]}')}`,
    );
    const form = base({ parts: [{ type: 'params', from: 'body', fields: ['b'], urlEncode: 'form' }] });
    expect((await signView(form, view(), {})).canonical).toBe('b=x+y');
    const values = base({
      parts: [
        {
          type: 'params',
          from: 'body',
          join: 'values',
          separator: '|',
          excludeEmpty: true,
          exclude: ['nested'],
        },
      ],
    });
    expect((await signView(values, view(), {})).canonical).toBe('1|x y');
  });

  it('joins method, path, timestamp, nonce and raw body with a separator (the v3-style string)', async () => {
    const recipe: SigningRecipe = {
      parts: [
        { type: 'text', template: '{method}' },
        { type: 'text', template: '{path}' },
        { type: 'text', template: '{timestamp}' },
        { type: 'text', template: '{nonce}' },
        { type: 'raw-body' },
        { type: 'text', template: '' },
      ],
      partSeparator: '\n',
      algorithm: 'hmac-sha512',
      hmacKey: '{secret}{appKey}',
      encoding: 'base64url',
      signature: [
        { in: 'header', name: 'X-Sign' },
        { in: 'query', name: 'sig' },
      ],
      timestamp: { place: { in: 'header', name: 'X-Ts' }, format: 'unix-seconds' },
      nonce: { place: { in: 'header', name: 'X-Nonce' } },
    };
    const message = view({
      headers: { 'x-ts': '1700000000', 'x-nonce': 'abc' },
      rawBody: '{"a":1}',
      body: { a: 1 },
    });
    const { canonical, signature } = await signView(recipe, message, { secret: 'S', appKey: 'K' });
    expect(canonical).toBe('POST\n/v3/orders\n1700000000\nabc\n{"a":1}\n');
    expect(signature).toBe(createHmac('sha512', 'SK').update(canonical).digest('base64url'));
    const received = view({ ...message, headers: { ...message.headers, 'X-SIGN': signature } });
    expect(await verifyView(recipe, received, { secret: 'S', appKey: 'K' }, 1_700_000_100_000)).toEqual({
      ok: true,
      nonce: { value: 'abc', expiresAt: 1_700_000_400_000 },
    });
    expect(await verifyView(recipe, received, { secret: 'S', appKey: 'K' }, 1_700_000_400_000)).toMatchObject(
      {
        ok: false,
        code: 'JX_SIGNATURE_EXPIRED',
      },
    );
  });

  it('hashes with SM3, SHA-512 and SHA-1 and encodes upper hex and Base64', async () => {
    const text = 'a=1&b=x y&empty=&nested={"z":2,"y":[1,"é"]}';
    expect((await signView(base({ algorithm: 'sm3', encoding: 'hex-upper' }), view(), {})).signature).toBe(
      hash('sm3', text).toString('hex').toUpperCase(),
    );
    // The SM3 of "abc" from GB/T 32905-2016, appendix A.
    expect(hash('sm3', 'abc').toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect((await signView(base({ algorithm: 'sha512', encoding: 'base64' }), view(), {})).signature).toBe(
      hash('sha512', text).toString('base64'),
    );
    expect((await signView(base({ algorithm: 'sha1' }), view(), {})).signature).toBe(
      hash('sha1', text).toString('hex'),
    );
  });

  it('fills {body.x}, {query.x} and {header.x}; {{ and }} are literal braces', async () => {
    const recipe = base({ parts: [{ type: 'text', template: '{{{body.a}|{query.q}|{header.X-Id}}}' }] });
    const message = view({ query: { q: 'Q' }, headers: { 'x-id': 'H' } });
    expect((await signView(recipe, message, {})).canonical).toBe('{1|Q|H}');
  });
});

describe('recipe problems (refused when the credential is saved)', () => {
  const problems = (recipe: Json, data: Record<string, Json> = { secret: 'S' }) =>
    recipeProblems({ ...data, recipe }).map((p) => p.pointer);

  it('names unknown placeholders and ones the recipe or the credential cannot fill', async () => {
    const recipe = {
      parts: [{ type: 'text', template: '{secret}{nonce}{appKey}{what}' }],
      algorithm: 'hmac-sha256',
      hmacKey: '{timestamp}',
      encoding: 'hex-lower',
      signature: [{ in: 'body', name: 'sign' }],
    };
    expect(problems(recipe, {})).toEqual([
      '/recipe/parts/0/template',
      '/recipe/parts/0/template',
      '/recipe/parts/0/template',
      '/recipe/parts/0/template',
      '/recipe/hmacKey',
    ]);
  });

  it('refuses a body signature over the raw body, and RSA without a readable key', async () => {
    expect(
      problems({
        parts: [{ type: 'raw-body' }],
        algorithm: 'md5',
        encoding: 'hex-lower',
        signature: [{ in: 'body', name: 's' }],
      }),
    ).toEqual(['/recipe/signature']);
    const rsa = {
      parts: [{ type: 'params', from: 'body' }],
      algorithm: 'rsa-sha256',
      encoding: 'base64',
      signature: [{ in: 'body', name: 'sign' }],
    };
    expect(problems(rsa, {})).toEqual(['/privateKey']);
    expect(
      problems(rsa, { privateKey: 'not a key', publicKey: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' }),
    ).toEqual(['/privateKey', '/publicKey']);
  });

  it('accepts every preset given the fields it uses, and a flat credential with a secret', async () => {
    expect(recipeProblems({ preset: 'kv-key-md5-upper', secret: 'S' })).toEqual([]);
    expect(recipeProblems({ preset: 'header-pairs-raw-body-md5', secret: 'S', appKey: 'B1' })).toEqual([]);
    expect(
      recipeProblems({ preset: 'header-pairs-raw-body-md5', secret: 'S' }).map((p) => p.pointer),
    ).toEqual(['/appKey']);
    expect(recipeProblems({ secret: 'S', append: ['key-secret'] })).toEqual([]);
    expect(recipeProblems({ append: ['key-secret'] }).map((p) => p.pointer)).toEqual(['/secret']);
  });

  it('refuses an encryption key or IV of the wrong size, naming the field', async () => {
    const recipe = {
      encrypt: { algorithm: 'aes-128-cbc', key: '{secret}', iv: 'short', into: 'data' },
      parts: [{ type: 'text', template: '{body.data}' }],
      algorithm: 'md5',
      encoding: 'hex-lower',
      signature: [{ in: 'body', name: 'sign' }],
    };
    expect(problems(recipe, { secret: 'not sixteen bytes' })).toEqual(['/recipe/encrypt/key']);
    expect(problems(recipe, { secret: '1234567890abcdef' })).toEqual(['/recipe/encrypt/iv']);
    expect(
      recipeProblems({ preset: 'aes-body-md5', secret: 'too short', appKey: 'A' }).map((p) => p.pointer),
    ).toEqual(['/preset/encrypt/key']);
  });

  it('refuses an expression that does not parse, pointing at it', () => {
    const recipe = {
      parts: [],
      expression: '$digest("md5", ',
      algorithm: 'md5',
      encoding: 'hex-lower',
      signature: [{ in: 'body', name: 'sign' }],
    };
    expect(problems(recipe)).toEqual(['/recipe/expression']);
    const { expression: _dropped, ...withoutExpression } = recipe;
    expect(problems(withoutExpression)).toEqual(['/recipe/parts']);
  });
});

describe('the expression escape hatch', () => {
  // A scheme data cannot say: MD5 of (MD5 of the sorted pairs, then the secret), upper case.
  const recipe: SigningRecipe = {
    parts: [{ type: 'params', from: 'body' }],
    expression: '$uppercase($digest("md5", $digest("md5", canonical) & $secret))',
    algorithm: 'md5',
    encoding: 'hex-upper',
    signature: [{ in: 'body', name: 'sign' }],
  };
  const message = view({ body: { b: '2', a: '1' } });

  it('signs with the helpers and the secret bound for this evaluation, and verifies the same way', async () => {
    const inner = createHash('md5').update('a=1&b=2').digest('hex');
    const expected = createHash('md5').update(`${inner}S3CRET`).digest('hex').toUpperCase();
    const { signature } = await signView(recipe, message, { secret: 'S3CRET' });
    expect(signature).toBe(expected);
    const received = view({ body: { b: '2', a: '1', sign: expected.toLowerCase() } });
    expect(await verifyView(recipe, received, { secret: 'S3CRET' }, 0)).toEqual({ ok: true });
    const forged = view({ body: { b: '3', a: '1', sign: expected } });
    expect(await verifyView(recipe, forged, { secret: 'S3CRET' }, 0)).toMatchObject({
      code: 'JX_SIGNATURE_INVALID',
    });
  });

  it('HMACs, RSA-signs with the credential key and encodes', async () => {
    const hmac = { ...recipe, expression: '$hmac("sha256", $secret, method & path & rawBody, "base64")' };
    const raw = view({ rawBody: '{"x":1}' });
    expect((await signView(hmac, raw, { secret: 'K' })).signature).toBe(
      createHmac('sha256', 'K').update('POST/v3/orders{"x":1}').digest('base64'),
    );
    const encoded = { ...recipe, expression: '$encode($canonicalJson(body), "hex-lower")' };
    expect((await signView(encoded, message, {})).signature).toBe(
      Buffer.from('{"a":"1","b":"2"}').toString('hex'),
    );
  });

  it('fails with a code and no value when the expression fails or gives no string', async () => {
    const failing = { ...recipe, expression: '$digest("md5", $secret) & $undefinedFunction()' };
    const error = await signView(failing, message, { secret: 'S3CRET' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JX_RECIPE_INVALID', details: { field: 'expression' } });
    expect(JSON.stringify(error)).not.toContain('S3CRET');
    await expect(signView({ ...recipe, expression: '42' }, message, {})).rejects.toMatchObject({
      code: 'JX_RECIPE_INVALID',
    });
  });
});
