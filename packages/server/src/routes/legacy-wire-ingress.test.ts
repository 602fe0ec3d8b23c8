import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

// Issue 24's table, inbound, over real HTTP: webhooks and callbacks in GBK and XML, and every way such
// a body can be wrong answered with a 4xx and a code — never a value with U+FFFD in it.

const SECRET = 'legacy-SECRET-24';
let t: TestServer;

async function send(path: string, contentType: string, body: Buffer | string) {
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? Buffer.from(body) : body,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  // biome-ignore lint/suspicious/noExplicitAny: the answers' shapes are what the assertions check
  let json: any;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, json };
}

async function deploy(flow: ReturnType<typeof fixture>): Promise<void> {
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
}

async function runsOf(flowId: string): Promise<number> {
  return (await t.api('GET', `/api/runs?flowId=${flowId}`)).json.runs.length;
}

beforeAll(async () => {
  t = await startTestServer();
  const hook = fixture('webhook');
  hook.id = 'legacy-hook';
  hook.nodes[0]!.config = { method: 'POST', path: 'legacy', responseMode: 'onFinish' };
  hook.nodes[1]!.config = { mapping: { got: '=body' } };
  await deploy(hook);
  const credential = await t.api('POST', '/api/credentials', {
    id: 'callback-signing',
    name: 'GBK supplier (k=v&key=, MD5, GBK bytes)',
    kind: 'signature',
    allowedHosts: ['supplier.test'],
    data: { secret: SECRET, preset: 'kv-key-md5-upper', charset: 'gbk' },
  });
  expect(credential.status).toBe(201);
  const flow = fixture('await');
  flow.id = 'legacy-await';
  const wait = flow.nodes.find((node) => node.id === 'wait')!;
  wait.config = {
    ...wait.config,
    channel: 'legacy',
    keyPath: 'out_trade_no',
    ack: { format: 'xml', body: { return_code: 'SUCCESS', return_msg: '成功' }, charset: 'gbk' },
  };
  flow.nodes.find((node) => node.id === 'deliver')!.config = {
    mapping: { delivered: '=out_trade_no', body: '=body', fee: '=total_fee' },
  };
  await deploy(flow);
  const signedHook = fixture('webhook');
  signedHook.id = 'legacy-signed-hook';
  signedHook.nodes[0]!.config = {
    method: 'POST',
    path: 'legacy-signed',
    responseMode: 'onFinish',
    verification: 'signature',
  };
  signedHook.nodes[0]!.credentials = { verify: 'callback-signing' };
  signedHook.nodes[1]!.config = { mapping: { got: '=body' } };
  await deploy(signedHook);
});
afterAll(async () => t.close());

const WECHAT =
  '<xml><return_code><![CDATA[SUCCESS]]></return_code><item>1</item><item>2</item><order id="7">A-1</order></xml>';

describe('webhooks in legacy wire formats', () => {
  it('parse text/xml into JSON by the mapping', async () => {
    const response = await send('/hooks/legacy', 'text/xml', WECHAT);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      got: { return_code: 'SUCCESS', item: ['1', '2'], order: { '@id': '7', '#text': 'A-1' } },
    });
  });

  it('read a form in GBK, percent-escaped or raw', async () => {
    const escaped = await send(
      '/hooks/legacy',
      'application/x-www-form-urlencoded; charset=GBK',
      'msg=%B3%C9%B9%A6&n=1',
    );
    expect(escaped.json).toEqual({ got: { msg: '成功', n: '1' } });
    const raw = Buffer.concat([Buffer.from('msg='), iconv.encode('成功', 'gbk')]);
    expect((await send('/hooks/legacy', 'application/x-www-form-urlencoded; charset=gbk', raw)).json).toEqual(
      {
        got: { msg: '成功' },
      },
    );
  });

  it('read JSON in GBK, XML in GB18030 and text in Big5', async () => {
    const json = await send(
      '/hooks/legacy',
      'application/json; charset=GBK',
      iconv.encode('{"msg":"成功"}', 'gbk'),
    );
    expect(json.json).toEqual({ got: { msg: '成功' } });
    const xml = await send(
      '/hooks/legacy',
      'application/xml; charset=gb18030',
      iconv.encode('<xml><m>成功</m></xml>', 'gb18030'),
    );
    expect(xml.json).toEqual({ got: { m: '成功' } });
    const text = await send('/hooks/legacy', 'text/plain; charset=big5', iconv.encode('臺灣', 'big5'));
    expect(text.json).toEqual({ got: '臺灣' });
  });

  it('refuse an unknown charset with 415 JX_UNSUPPORTED_CHARSET, starting nothing', async () => {
    const before = await runsOf('legacy-hook');
    for (const type of [
      'application/json; charset=x-unknown-9',
      'application/x-www-form-urlencoded; charset=x-unknown-9',
      'text/xml; charset=x-unknown-9',
      'text/plain; charset=x-unknown-9',
    ]) {
      const response = await send('/hooks/legacy', type, type.includes('xml') ? '<a/>' : '{"a":1}');
      expect(response.status, type).toBe(415);
      expect(response.json.error).toMatchObject({
        code: 'JX_UNSUPPORTED_CHARSET',
        details: { charset: 'x-unknown-9', what: 'the webhook body' },
      });
    }
    expect(await runsOf('legacy-hook')).toBe(before);
  });

  it('refuse bytes invalid in the declared charset with 400 naming the offset, never U+FFFD', async () => {
    const before = await runsOf('legacy-hook');
    const gbk = iconv.encode('{"msg":"成功"}', 'gbk');
    for (const type of [
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
    ]) {
      const body = type.includes('form')
        ? Buffer.concat([Buffer.from('msg='), iconv.encode('成功', 'gbk')])
        : gbk;
      const response = await send('/hooks/legacy', type, body);
      expect(response.status, type).toBe(400);
      expect(response.json.error.code).toBe('JX_BODY_MALFORMED');
      expect(response.json.error.details).toMatchObject({ charset: 'utf-8', what: 'the webhook body' });
      expect(response.json.error.details.offset).toEqual(expect.any(Number));
      expect(response.bytes.toString('utf8')).not.toContain('\uFFFD');
    }
    expect(await runsOf('legacy-hook')).toBe(before);
  });

  it('refuse malformed XML with line and column, and a DOCTYPE (XXE, billion laughs)', async () => {
    const malformed = await send('/hooks/legacy', 'text/xml', '<xml>\n  <a>1</b>\n</xml>');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatchObject({ code: 'JX_XML_MALFORMED', details: { line: 2, column: 7 } });
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><a>&e;</a></xml>';
    const refused = await send('/hooks/legacy', 'application/xml', xxe);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('JX_XML_DOCTYPE_REFUSED');
    expect(refused.bytes.toString()).not.toContain('root:');
  });
});

describe('callbacks in GBK XML, verified over the bytes as received', () => {
  const md5Upper = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex').toUpperCase();
  const notice = (sign: string) =>
    iconv.encode(
      `<xml><body><![CDATA[月卡]]></body><nonce_str>n24</nonce_str><out_trade_no>L-1</out_trade_no><total_fee>100</total_fee><sign>${sign}</sign></xml>`,
      'gbk',
    );
  const canonical = `body=月卡&nonce_str=n24&out_trade_no=L-1&total_fee=100&key=${SECRET}`;

  it('resume the run with the XML fields and acknowledge in GBK XML with CDATA', async () => {
    const started = await t.api('POST', '/api/flows/legacy-await/runs?wait=true', {
      input: { order: 'L-1' },
    });
    expect(started.json.run.status).toBe('waiting');

    const utf8Signed = await send(
      '/callbacks/legacy',
      'text/xml; charset=GBK',
      notice(md5Upper(Buffer.from(canonical, 'utf8'))),
    );
    expect(utf8Signed.status).toBe(401);
    expect(utf8Signed.headers.get('x-junction-error')).toBe('JX_SIGNATURE_INVALID');

    const accepted = await send(
      '/callbacks/legacy',
      'text/xml; charset=GBK',
      notice(md5Upper(iconv.encode(canonical, 'gbk'))),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('content-type')).toBe('application/xml; charset=gbk');
    expect(
      accepted.bytes.equals(
        iconv.encode(
          '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[成功]]></return_msg></xml>',
          'gbk',
        ),
      ),
    ).toBe(true);
    let run = (await t.api('GET', `/api/runs/${started.json.run.id}`)).json.run;
    for (let i = 0; i < 100 && run.status !== 'succeeded'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      run = (await t.api('GET', `/api/runs/${started.json.run.id}`)).json.run;
    }
    expect(run.output).toEqual({ delivered: 'L-1', body: '月卡', fee: '100' });
  });

  it('refuse a callback in an unknown charset with 415 before verification', async () => {
    const response = await send('/callbacks/legacy', 'text/xml; charset=x-unknown-9', '<xml/>');
    expect(response.status).toBe(415);
    expect(response.json.error.code).toBe('JX_UNSUPPORTED_CHARSET');
  });
});

describe("bodies without a charset (or mislabelled UTF-8) read in the verifying credential's charset", () => {
  const md5Upper = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex').toUpperCase();
  /** The k=v&…&key= signature of the fields over their GBK bytes, as the credential's charset says. */
  const gbkSign = (fields: Record<string, string>) =>
    md5Upper(
      iconv.encode(
        `${Object.keys(fields)
          .sort()
          .map((key) => `${key}=${fields[key]}`)
          .join('&')}&key=${SECRET}`,
        'gbk',
      ),
    );

  it('a signed webhook form in GBK without a charset, and GBK JSON labelled UTF-8', async () => {
    const fields = { msg: '成功', nonce_str: 'w-form-1' };
    const form = Buffer.concat([
      Buffer.from('msg='),
      iconv.encode('成功', 'gbk'),
      Buffer.from(`&nonce_str=w-form-1&sign=${gbkSign(fields)}`),
    ]);
    const read = await send('/hooks/legacy-signed', 'application/x-www-form-urlencoded', form);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ got: { ...fields, sign: gbkSign(fields) } });
    // The unverified hook has no credential: the same bytes are invalid UTF-8, refused as before.
    const unverified = await send('/hooks/legacy', 'application/x-www-form-urlencoded', form);
    expect(unverified.status).toBe(400);
    expect(unverified.json.error).toMatchObject({ code: 'JX_BODY_MALFORMED', details: { charset: 'utf-8' } });

    const json = { msg: '月卡', nonce_str: 'w-json-1' };
    const labelledUtf8 = await send(
      '/hooks/legacy-signed',
      'application/json; charset=utf-8',
      iconv.encode(JSON.stringify({ ...json, sign: gbkSign(json) }), 'gbk'),
    );
    expect(labelledUtf8.status).toBe(200);
    expect(labelledUtf8.json).toEqual({ got: { ...json, sign: gbkSign(json) } });
  });

  it('a charset the sender names is kept: Big5 stays Big5 (and fails verification over GBK here)', async () => {
    const fields = { msg: '臺灣', nonce_str: 'w-big5-1' };
    const body = iconv.encode(JSON.stringify({ ...fields, sign: gbkSign(fields) }), 'big5');
    const response = await send('/hooks/legacy-signed', 'application/json; charset=big5', body);
    // Read as Big5 (the text is right), then hashed in the credential's gbk: 臺 has a GBK form, so
    // the signature matches only if the value was decoded correctly first.
    expect(response.status).toBe(200);
    expect(response.json.got.msg).toBe('臺灣');
  });

  it('bytes invalid in the credential charset too are a 400 naming it, starting nothing', async () => {
    const before = await runsOf('legacy-signed-hook');
    const response = await send(
      '/hooks/legacy-signed',
      'application/json',
      Buffer.from([0x7b, 0x22, 0x81, 0x22, 0x7d]),
    );
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({
      code: 'JX_BODY_MALFORMED',
      details: { charset: 'gbk', offset: 2, what: 'the webhook body' },
    });
    expect(response.bytes.toString('utf8')).not.toContain('\uFFFD');
    expect(await runsOf('legacy-signed-hook')).toBe(before);
  });

  it('a GBK XML callback without a charset resumes its run with the right text', async () => {
    const started = await t.api('POST', '/api/flows/legacy-await/runs?wait=true', {
      input: { order: 'L-2' },
    });
    expect(started.json.run.status).toBe('waiting');
    const fields = { body: '季卡', nonce_str: 'n24-2', out_trade_no: 'L-2', total_fee: '200' };
    const xml = `<xml><body><![CDATA[季卡]]></body><nonce_str>n24-2</nonce_str><out_trade_no>L-2</out_trade_no><total_fee>200</total_fee><sign>${gbkSign(fields)}</sign></xml>`;
    const accepted = await send('/callbacks/legacy', 'text/xml', iconv.encode(xml, 'gbk'));
    expect(accepted.status).toBe(200);
    let run = (await t.api('GET', `/api/runs/${started.json.run.id}`)).json.run;
    for (let i = 0; i < 100 && run.status !== 'succeeded'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      run = (await t.api('GET', `/api/runs/${started.json.run.id}`)).json.run;
    }
    expect(run.output).toEqual({ delivered: 'L-2', body: '季卡', fee: '200' });
  });
});
