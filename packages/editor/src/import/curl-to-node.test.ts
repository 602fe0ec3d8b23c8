import { describe, expect, it } from 'vitest';
import { curlToNode } from './curl-to-node.ts';
import { parseCurl } from './parse-curl.ts';

const importCurl = (text: string) => curlToNode(parseCurl(text));

const CHROME_BASH = String.raw`curl 'https://api.shop.example/v2/orders?page=2&size=20&access_token=tok_live_abc' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: zh-CN,zh;q=0.9' \
  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.secret-part' \
  -H 'content-type: application/json;charset=UTF-8' \
  -b 'SESSIONID=s3cr3t-cookie; theme=dark' \
  --data-raw $'{"sku":"A1","note":"it\'s \u4e2d\u6587","qty":2}' \
  --compressed`;

const CHROME_CMD = [
  'curl ^"https://api.shop.example/v2/orders?page=2^" ^',
  '  -H ^"accept: application/json^" ^',
  '  -H ^"x-api-key: key_live_123^" ^',
  '  -H ^"content-type: application/json^" ^',
  '  --data-raw ^"^{^\\^"sku^\\^":^\\^"A1^\\^",^\\^"qty^\\^":2^}^" ^',
  '  --compressed',
].join('\r\n');

const POSTMAN = `curl --location --request PUT 'https://erp.example.com/api/stock' \\
--header 'Content-Type: application/x-www-form-urlencoded' \\
--header 'X-Signature: 9f8e7d' \\
--data-urlencode 'sku=A 1' \\
--data-urlencode 'note=50% off & more' \\
--data-urlencode 'sign=abcdef0123'`;

// A supplier's doc: GBK form, fields percent-encoded as GBK bytes (中文 = %D6%D0%CE%C4), MD5 sign.
const SUPPLIER_GBK = `curl -X POST "http://api.supplier.example/gateway.do" -H "Content-Type: application/x-www-form-urlencoded; charset=GBK" -d "app_key=10086&goods_name=%D6%D0%CE%C4&timestamp=2024-01-02+03%3A04%3A05&sign=0cc175b9c0f1b6a831c399e269772661"`;

describe('curlToNode', () => {
  it("maps Chrome's Copy as cURL (bash): query split, JSON parsed, secrets out", () => {
    const { config, suggestions } = importCurl(CHROME_BASH);
    expect(config).toEqual({
      method: 'POST',
      url: 'https://api.shop.example/v2/orders',
      query: { page: '2', size: '20' },
      headers: { accept: 'application/json, text/plain, */*', 'accept-language': 'zh-CN,zh;q=0.9' },
      bodyType: 'json',
      body: { sku: 'A1', note: "it's 中文", qty: 2 },
    });
    expect(suggestions.map((s) => [s.kind, s.from, s.name])).toEqual([
      ['bearer', 'header', 'authorization'],
      ['api-key', 'header', 'Cookie'],
      ['api-key', 'query', 'access_token'],
    ]);
    const text = JSON.stringify({ config, suggestions });
    for (const secret of ['eyJhbGci', 'secret-part', 's3cr3t', 'tok_live_abc'])
      expect(text).not.toContain(secret);
  });

  it("maps Chrome's Copy as cURL (cmd) with ^ escapes and continuations", () => {
    const { config, suggestions } = importCurl(CHROME_CMD);
    expect(config).toMatchObject({
      method: 'POST',
      url: 'https://api.shop.example/v2/orders',
      query: { page: '2' },
      headers: { accept: 'application/json' },
      bodyType: 'json',
      body: { sku: 'A1', qty: 2 },
    });
    expect(suggestions).toEqual([
      { kind: 'api-key', from: 'header', name: 'x-api-key', host: 'api.shop.example' },
    ]);
    expect(JSON.stringify(config)).not.toContain('key_live_123');
  });

  it("maps Postman's export: --data-urlencode pieces joined with & into form fields", () => {
    const { config, suggestions } = importCurl(POSTMAN);
    expect(config).toEqual({
      method: 'PUT',
      url: 'https://erp.example.com/api/stock',
      query: {},
      headers: {},
      bodyType: 'form',
      body: { sku: 'A 1', note: '50% off & more' },
    });
    expect(suggestions.map((s) => [s.kind, s.name])).toEqual([
      ['signature', 'X-Signature'],
      ['signature', 'sign'],
    ]);
  });

  it("decodes a supplier doc's GBK form and keeps the charset", () => {
    const { config, suggestions } = importCurl(SUPPLIER_GBK);
    expect(config).toEqual({
      method: 'POST',
      url: 'http://api.supplier.example/gateway.do',
      query: {},
      headers: {},
      bodyType: 'form',
      body: { app_key: '10086', goods_name: '中文', timestamp: '2024-01-02 03:04:05' },
      requestCharset: 'gbk',
    });
    expect(suggestions).toEqual([
      { kind: 'signature', from: 'body', name: 'sign', host: 'api.supplier.example' },
    ]);
  });

  it('turns -u into a basic suggestion with the user name only, and -G data into the query', () => {
    const { config, suggestions } = importCurl(
      "curl -sSL -G https://api.example.com/search -d q=tea -d 'lang=zh' -u merchant:pa55word -A jx/1 -e https://ref.example",
    );
    expect(config).toEqual({
      method: 'GET',
      url: 'https://api.example.com/search',
      query: { q: 'tea', lang: 'zh' },
      headers: { 'User-Agent': 'jx/1', Referer: 'https://ref.example' },
      bodyType: 'none',
    });
    expect(suggestions).toEqual([
      { kind: 'basic', from: 'user', name: '-u', host: 'api.example.com', username: 'merchant' },
    ]);
    expect(JSON.stringify({ config, suggestions })).not.toContain('pa55word');
  });

  it('--json sets JSON and Accept; a value starting with "=" stays a literal, not an expression', () => {
    const { config } = importCurl(`curl --json '{"formula":"=1+1"}' --url https://api.example.com/calc`);
    expect(config).toMatchObject({
      method: 'POST',
      headers: { Accept: 'application/json' },
      bodyType: 'json',
      body: { formula: '="=1+1"' },
    });
  });

  it('keeps a non-form, non-JSON body raw with its content type', () => {
    const { config } = importCurl(
      `curl -X POST https://x.example/soap -H 'Content-Type: text/xml' -d '<a>1</a>'`,
    );
    expect(config).toMatchObject({ bodyType: 'raw', body: '<a>1</a>', contentType: 'text/xml' });
  });
});
