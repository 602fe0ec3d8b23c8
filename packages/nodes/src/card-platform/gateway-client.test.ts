import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedCredential } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithEgressPolicy } from '../http/egress/egress-scope.ts';
import { loopbackEgress } from '../testing/loopback-egress.ts';
import { createGatewayClient, signResult } from './gateway-client.ts';

const inLoopback = <T>(fn: () => T): T => runWithEgressPolicy(loopbackEgress, fn);

const SECRET = '0a091b3aa4324435aab703142518a8f7';
let server: Server;
let credential: ResolvedCredential;
let answer: (body: Record<string, unknown>) => string;
let received: Record<string, unknown> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      received = JSON.parse(raw) as Record<string, unknown>;
      res.setHeader('content-type', 'application/json');
      res.end(answer(received));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/gateway`;
  credential = {
    id: 'cp',
    kind: 'card-platform',
    data: { appKey: 'AK', appSecret: SECRET, gatewayUrl: url },
    allowedHosts: ['127.0.0.1'],
  };
});
afterAll(() => {
  server.close();
});

describe('createGatewayClient', () => {
  it('sends the envelope and accepts a correctly signed result', async () => {
    const result = JSON.stringify({ balance: 12.5 });
    answer = () => JSON.stringify({ code: 0, message: 'ok', result, sign: signResult(result, SECRET) });
    const now = () => Date.UTC(2024, 0, 2, 3, 4, 5);
    expect(
      await inLoopback(() => createGatewayClient(credential, now).call('user.info.get', { a: '1' })),
    ).toEqual({
      balance: 12.5,
    });
    expect(received).toMatchObject({
      app_key: 'AK',
      method: 'user.info.get',
      timestamp: '2024-01-02 11:04:05',
      version: '2.0',
      format: 'json',
      charset: 'utf-8',
      sign_type: 'md5',
      biz_content: '{"a":"1"}',
      sign: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('refuses a result not signed with the app secret', async () => {
    answer = () => JSON.stringify({ code: 0, message: 'ok', result: '{"balance":1}', sign: 'f'.repeat(32) });
    await expect(
      inLoopback(() => createGatewayClient(credential).call('user.info.get', {})),
    ).rejects.toMatchObject({
      code: 'JX_SUPPLIER_RESPONSE_SIGNATURE',
    });
  });

  it('maps unknown supplier codes and unreadable answers', async () => {
    answer = () => JSON.stringify({ code: 9999, message: 'odd', result: '', sign: '' });
    await expect(inLoopback(() => createGatewayClient(credential).call('x', {}))).rejects.toMatchObject({
      code: 'JX_SUPPLIER_UNKNOWN',
      details: { supplierCode: 9999, supplierMessage: 'odd' },
    });
    answer = () => '<html>';
    await expect(inLoopback(() => createGatewayClient(credential).call('x', {}))).rejects.toMatchObject({
      code: 'JX_SUPPLIER_BAD_RESPONSE',
    });
  });

  it('needs a card-platform credential', () => {
    expect(() => createGatewayClient({ ...credential, kind: 'bearer' })).toThrow(
      expect.objectContaining({ code: 'JX_CREDENTIAL_KIND_UNSUPPORTED' }),
    );
  });
});
