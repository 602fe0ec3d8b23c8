import { JunctionError } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { xmlToJson } from '../index.ts';
import { fastXmlToJson } from '../testing/fast-xml-oracle.ts';
import { thrownError } from '../testing/thrown-error.ts';

// Junction parses XML with its own scanner (for speed, see docs/old-systems.md); fast-xml-parser, a
// well-kept parser, is the oracle: on random documents both must give the same JSON, and whatever
// the scanner accepts fast-xml-parser accepts with the same value (the scanner is never laxer).

/** mulberry32: a small seeded generator, so a failing document can be made again from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'xml',
  'item',
  'a',
  'b',
  'return_code',
  'out_trade_no',
  'ns:fee',
  '订单',
  'x-y.z',
  '_k',
  'sign',
];
const TEXTS = [
  '1',
  '007',
  ' ',
  '\n  ',
  '成功',
  'a b',
  '>',
  'x&amp;y',
  '&lt;t&gt;',
  '&#x4E2D;&#25991;',
  '&quot;&apos;',
  'SUCCESS',
  '\t',
  'line\r\nnext',
  '¥9.90',
];
const CDATAS = ['SUCCESS', ' 卡密 <ok> & ', ']]', '', 'a]b', '<![CDATA[', '\n'];
const VALUES = ['7', '', '成功', 'a &amp; b', '&#65;', "it's", 'say "hi"', ' sp ', 'x\ny'];

function document(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const element = (depth: number): string => {
    const name = pick(NAMES);
    const used = new Set<string>();
    let attributes = '';
    for (let i = Math.floor(next() * 3); i > 0; i--) {
      const key = pick(['id', 'k', 'ns:t', '属性', 'v-1']);
      if (used.has(key)) continue;
      used.add(key);
      const value = pick(VALUES);
      const quote = value.includes('"') ? "'" : value.includes("'") ? '"' : pick(['"', "'"]);
      attributes += `${pick([' ', '\n ', '  '])}${key}${pick(['=', ' = '])}${quote}${value}${quote}`;
    }
    if (next() < 0.15) return `<${name}${attributes}${pick(['/>', ' />'])}`;
    let content = '';
    const parts = depth > 3 ? Math.floor(next() * 2) : Math.floor(next() * 5);
    for (let i = 0; i < parts; i++) {
      const roll = next();
      if (roll < 0.4 && depth < 5) content += element(depth + 1);
      else if (roll < 0.7) content += pick(TEXTS);
      else if (roll < 0.85) content += `<![CDATA[${pick(CDATAS)}]]>`;
      else if (roll < 0.95) content += '<!-- note -->';
      else content += '<?pi data?>';
    }
    return `<${name}${attributes}>${content}</${name}${pick(['', ' '])}>`;
  };
  const declaration = next() < 0.5 ? '<?xml version="1.0" encoding="UTF-8"?>' : '';
  return `${declaration}${pick(['', '\n', '<!-- head -->'])}${element(0)}${pick(['', '\n', ' <!-- tail -->'])}`;
}

/** The JSON a parser gives or the code it refuses with; `uncoded` is allowed to the oracle only. */
function outcome(parse: () => unknown, uncoded = false): { value?: unknown; code?: string } {
  try {
    return { value: JSON.parse(JSON.stringify(parse())) };
  } catch (error) {
    if (error instanceof JunctionError) return { code: error.code };
    if (uncoded) return { code: 'uncoded' };
    throw error;
  }
}

describe('the XML scanner against fast-xml-parser', () => {
  it('gives the same JSON for 1,500 random well-formed documents', () => {
    for (let seed = 1; seed <= 1500; seed++) {
      const xml = document(random(seed));
      const ours = outcome(() => xmlToJson(xml));
      const oracle = outcome(() => fastXmlToJson(xml));
      expect({ seed, xml, ...ours }).toEqual({ seed, xml, ...oracle });
      expect(ours.code).toBeUndefined();
    }
  }, 60_000);

  it('is never laxer on damaged documents: what it accepts, fast-xml-parser accepts the same', () => {
    let refusedByBoth = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const next = random(seed + 100_000);
      const xml = document(next);
      const at = Math.floor(next() * xml.length);
      const damage = ['', '<', '&', '>', '"', '</a>', '<!DOCTYPE x>'][Math.floor(next() * 7)] as string;
      const damaged = xml.slice(0, at) + damage + xml.slice(at + (next() < 0.5 ? 1 : 0));
      const ours = outcome(() => xmlToJson(damaged));
      const oracle = outcome(() => fastXmlToJson(damaged), true);
      // Where fast-xml-parser throws uncoded (e.g. a quote in a processing instruction, which XML
      // allows) it has no verdict to compare with.
      if (oracle.code === 'uncoded') continue;
      if (ours.code === undefined) expect({ seed, damaged, ...oracle }).toEqual({ seed, damaged, ...ours });
      else {
        expect(['JX_XML_MALFORMED', 'JX_XML_DOCTYPE_REFUSED']).toContain(ours.code);
        if (oracle.code !== undefined) refusedByBoth++;
      }
    }
    // The damage is real: most damaged documents are refused by both.
    expect(refusedByBoth).toBeGreaterThan(500);
  }, 60_000);
});

describe('the XML scanner', () => {
  it('is stricter than fast-xml-parser where XML is: "<" in an attribute, text or a declaration after the root', () => {
    for (const xml of ['<a b="<"/>', '<a/> x', '<a/><?xml version="1.0"?>']) {
      expect(fastXmlToJson(xml)).toBeDefined();
      expect(thrownError(() => xmlToJson(xml)).code).toBe('JX_XML_MALFORMED');
    }
  });

  it('names the position and the reason of each malformation', () => {
    const cases: [string, number, number, RegExp][] = [
      ['<a>\n  <b></a>', 2, 6, /expected <\/b> \(opened at line 2, column 3\) instead of <\/a>/],
      ['<a>\n<b>x &c</b></a>', 2, 6, /"&" starts no entity/],
      ['<a b="1"c="2"/>', 1, 9, /separated by whitespace/],
      ['<a b="1" b="2"/>', 1, 10, /b is repeated/],
      ['<a>\n<b>', 2, 1, /<b> is never closed/],
      ['<a/>\n<b/>', 2, 1, /a second one, <b>/],
      ['<a><!-- x</a>', 1, 4, /comment is never closed/],
      ['<a>&#xD800;</a>', 1, 4, /is not a character/],
    ];
    for (const [xml, line, column, reason] of cases) {
      const error = thrownError(() => xmlToJson(xml, { what: 'the callback body' }));
      expect({ xml, code: error.code, ...error.details }).toMatchObject({
        xml,
        code: 'JX_XML_MALFORMED',
        what: 'the callback body',
        line,
        column,
      });
      expect(error.message).toMatch(reason);
    }
  });

  it('refuses a DOCTYPE wherever it stands outside CDATA and comments', () => {
    const error = thrownError(() => xmlToJson('<a>\n  <!doctype b></a>'));
    expect(error.code).toBe('JX_XML_DOCTYPE_REFUSED');
    expect(error.details).toMatchObject({ line: 2, column: 3 });
    expect(xmlToJson('<a><!-- <!DOCTYPE b> --></a>')).toBe('');
  });

  it('never writes an element named __proto__ into a prototype', () => {
    const value = xmlToJson('<a><__proto__><polluted>1</polluted></__proto__></a>') as Record<
      string,
      unknown
    >;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
