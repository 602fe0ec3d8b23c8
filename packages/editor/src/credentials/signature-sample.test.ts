import { describe, expect, it } from 'vitest';
import type { CredentialKindDescriptor, CredentialSummary } from '../api/api-types.ts';
import { initialDraft } from './credential-model.ts';
import { previewCredential, type SignatureSample, sampleRequest } from './signature-sample.ts';

const SAMPLE: SignatureSample = {
  method: 'post',
  url: ' https://pay.test/order ',
  headers: 'X-App: shop\n\nX-Time: 1700000000\n',
  body: '{"amount":"10.00","id":7}',
  bodyType: 'json',
  expected: '',
  now: '',
};

const signature: CredentialKindDescriptor = {
  kind: 'signature',
  schema: {
    type: 'object',
    properties: {
      secret: { type: 'string', 'x-secret': true },
      preset: { default: '', oneOf: [{ const: '' }, { const: 'kv-key-md5-upper' }] },
      appKey: { type: 'string' },
      sort: { default: 'key-asc', oneOf: [{ const: 'key-asc' }, { const: 'none' }] },
    },
  },
};
const saved: CredentialSummary = {
  id: 'pay',
  name: 'Pay',
  kind: 'signature',
  allowedHosts: ['pay.test'],
  fields: { preset: 'kv-key-md5-upper', appKey: 'k1' },
  secretFields: ['secret'],
  createdAt: 1,
  updatedAt: 1,
};

describe('the workbench sample', () => {
  it('reads headers, a JSON, form or raw body, the expected signature and the clock', () => {
    expect(sampleRequest(SAMPLE)).toEqual({
      request: {
        method: 'POST',
        url: 'https://pay.test/order',
        headers: { 'X-App': 'shop', 'X-Time': '1700000000' },
        body: { amount: '10.00', id: 7 },
      },
    });
    expect(sampleRequest({ ...SAMPLE, bodyType: 'form', expected: ' AB12 ', now: '1700000000000' })).toEqual({
      request: expect.objectContaining({ body: { amount: '10.00', id: 7 }, form: true }),
      expected: 'AB12',
      now: 1_700_000_000_000,
    });
    // Raw text is signed byte for byte: not parsed, not trimmed.
    expect(sampleRequest({ ...SAMPLE, bodyType: 'raw', body: 'a=1&b=2\n' })).toMatchObject({
      request: { rawBody: 'a=1&b=2\n' },
    });
  });

  it('says what keeps a sample from being sent', () => {
    expect(sampleRequest({ ...SAMPLE, url: ' ' })).toMatchObject({ field: 'url' });
    expect(sampleRequest({ ...SAMPLE, headers: ': no name' })).toMatchObject({
      field: 'headers',
      values: { line: ': no name' },
    });
    expect(sampleRequest({ ...SAMPLE, body: '{"a":' })).toMatchObject({ field: 'body' });
    expect(sampleRequest({ ...SAMPLE, bodyType: 'form', body: '[1]' })).toMatchObject({
      message: 'signatureWorkbench.formNeedsObject',
    });
    expect(sampleRequest({ ...SAMPLE, now: 'soon' })).toMatchObject({ field: 'now' });
  });

  it('previews a saved credential with only what the form changed, a new one with all it holds', () => {
    const opened = initialDraft(signature, saved);
    expect(previewCredential(opened, signature, saved)).toEqual({ credentialId: 'pay', data: {} });
    const edited = { ...opened, values: { ...opened.values, preset: '' }, secrets: { secret: 'typed' } };
    // Choosing "None" is a change the preview must see (the saved preset would win otherwise).
    expect(previewCredential(edited, signature, saved)).toEqual({
      credentialId: 'pay',
      data: { secret: 'typed', preset: '' },
    });
    const fresh = { ...initialDraft(signature), secrets: { secret: 'typed' } };
    expect(previewCredential(fresh, signature)).toEqual({
      kind: 'signature',
      data: { secret: 'typed', sort: 'key-asc' },
    });
  });
});
