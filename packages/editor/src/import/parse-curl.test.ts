import { describe, expect, it } from 'vitest';
import { curlToNode } from './curl-to-node.ts';
import { parseCurl } from './parse-curl.ts';
import { bashWords, cmdWords, detectDialect } from './shell-words.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as { code: string }).code, details: (error as { details: object }).details };
  }
  return undefined;
};

describe('shell words', () => {
  it("reads bash quoting, $'…' strings and backslash-newline continuations", () => {
    expect(bashWords(`curl 'a b' "c \\"d\\" \\$e" $'f\\ng\\x41' h\\ i \\\n  j`)).toEqual([
      'curl',
      'a b',
      'c "d" $e',
      'f\ngA',
      'h i',
      'j',
    ]);
  });

  it('reads cmd.exe carets and the C runtime quoting', () => {
    expect(cmdWords('curl ^"a^&b^" ^\r\n  -d ^"x^\\^"y^\\^"^" "p q"')).toEqual([
      'curl',
      'a&b',
      '-d',
      'x"y"',
      'p q',
    ]);
    expect(detectDialect('curl ^"x^"')).toBe('cmd');
    expect(detectDialect("curl 'x' \\\n -v")).toBe('bash');
  });

  it('reports an unterminated quote with its line and column', () => {
    expect(codeOf(() => parseCurl("curl https://x.example \\\n  -H 'accept: json"))).toEqual({
      code: 'JX_CURL_UNTERMINATED_QUOTE',
      details: { quote: "'", position: 30, line: 2, column: 6 },
    });
    expect(codeOf(() => parseCurl('curl "https://x.example'))?.details).toMatchObject({
      quote: '"',
      line: 1,
      column: 6,
    });
    expect(codeOf(() => parseCurl("curl $'abc"))?.code).toBe('JX_CURL_UNTERMINATED_QUOTE');
    expect(codeOf(() => cmdWords('curl ^"a^" "open'))?.details).toMatchObject({ column: 12 });
  });
});

describe('parseCurl bad input', () => {
  it.each([
    ['wget https://x.example', 'JX_CURL_NOT_CURL'],
    ['curl -H', 'JX_CURL_MISSING_VALUE'],
    ['curl -v', 'JX_CURL_NO_URL'],
    ['curl -F file=@a.png https://x.example', 'JX_CURL_MULTIPART'],
    ['curl --form-string a=b https://x.example', 'JX_CURL_MULTIPART'],
    ['curl -X TRACE https://x.example', 'JX_CURL_METHOD'],
    ['curl -d @body.json https://x.example', 'JX_CURL_FILE_REFERENCE'],
    ['curl --data-binary @body.bin https://x.example', 'JX_CURL_FILE_REFERENCE'],
    ['curl --upload-file a https://x.example', 'JX_CURL_UNKNOWN_OPTION'],
  ])('%s fails with %s', (text, code) => {
    expect(codeOf(() => curlToNode(parseCurl(text)))?.code).toBe(code);
  });

  it('--data-raw keeps a leading @ as data', () => {
    expect(parseCurl("curl --data-raw '@home' https://x.example").data).toEqual([
      { option: '--data-raw', value: '@home' },
    ]);
  });
});

describe('the cURL error catalogue', () => {
  it('has an en and a zh-CN sentence for every code', async () => {
    const { CURL_ERRORS } = await import('./curl-errors.ts');
    const en = (await import('../i18n/messages/en.json')).default as Record<string, string>;
    const zh = (await import('../i18n/messages/zh-CN.json')).default as Record<string, string>;
    for (const code of Object.keys(CURL_ERRORS)) {
      expect(en[`error.${code}`], code).toBeTruthy();
      expect(zh[`error.${code}`], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
