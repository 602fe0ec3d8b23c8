import type { Json } from '@junction/runtime';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { wireFormatError } from '../wire-format/wire-format-errors.ts';

// The differential oracle of the XML scanner (wire-format/xml-scan.ts): the same mapping built on
// fast-xml-parser, a well-kept parser. Test-only; see wire-format/xml-scan.test.ts.

const XML_TEXT_KEY = '#text';
const XML_ATTRIBUTE_PREFIX = '@';
const CDATA = '#cdata';
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: XML_TEXT_KEY,
  cdataPropName: CDATA,
  commentPropName: false,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // A matcher instance instead of a path string per tag: no callback reads it, and it is faster.
  jPath: false,
} as ConstructorParameters<typeof XMLParser>[0]);

type OrderedNode = Record<string, OrderedNode[] | string | Record<string, string>>;

/** The mapping of `xmlToJson` as fast-xml-parser gives it (Junction's implementation before its own scanner). */
export function fastXmlToJson(text: string, options: { what?: string } = {}): Json {
  const what = options.what ?? 'the body';
  refuseDoctype(text, what);
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    throw wireFormatError('JX_XML_MALFORMED', { what, line, column: col ?? 1, reason: msg });
  }
  const roots = (parser.parse(text) as OrderedNode[]).filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) {
    throw wireFormatError('JX_XML_MALFORMED', {
      what,
      ...position(text, text.length),
      reason: `a document has one root element, this one has ${roots.length}.`,
    });
  }
  const decode = (raw: string) => decodeReferences(raw, text, what);
  return elementValue(roots[0] as OrderedNode, decode);
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== XML_TEXT_KEY && key !== CDATA);
}

function elementValue(node: OrderedNode, decode: (raw: string) => string): Json {
  const name = elementName(node) as string;
  const children = node[name] as OrderedNode[];
  const attributes = (node[':@'] ?? {}) as Record<string, string>;
  const value: Record<string, Json> = {};
  for (const [key, raw] of Object.entries(attributes)) value[XML_ATTRIBUTE_PREFIX + key] = decode(raw);
  let text = '';
  let hasElements = false;
  for (const child of children) {
    if (typeof child[XML_TEXT_KEY] === 'string') text += decode(child[XML_TEXT_KEY]);
    else if (Array.isArray(child[CDATA])) text += cdataText(child[CDATA]);
    else {
      hasElements = true;
      const key = elementName(child) as string;
      const item = elementValue(child, decode);
      const existing = value[key];
      if (existing === undefined) value[key] = item;
      // An element's value is a string or an object, so an array here was made by repetition.
      else if (Array.isArray(existing)) existing.push(item);
      else value[key] = [existing, item];
    }
  }
  if (!hasElements && Object.keys(attributes).length === 0) return text;
  if (text.trim() !== '') value[XML_TEXT_KEY] = text.trim();
  return value;
}

function cdataText(nodes: OrderedNode[]): string {
  return nodes.map((node) => String(node[XML_TEXT_KEY] ?? '')).join('');
}

const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML's predefined entities and character references; any other entity is undefined here. */
function decodeReferences(raw: string, source: string, what: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole, ref: string) => {
    if (ref[0] !== '#') {
      const predefined = PREDEFINED[ref];
      if (predefined !== undefined) return predefined;
      throw wireFormatError('JX_XML_MALFORMED', {
        what,
        ...position(source, source.indexOf(whole)),
        reason: `the entity ${whole} is not defined (only &lt; &gt; &amp; &quot; &apos; and character references are).`,
      });
    }
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw wireFormatError('JX_XML_MALFORMED', {
        what,
        ...position(source, source.indexOf(whole)),
        reason: `${whole} is not a character.`,
      });
    }
    return String.fromCodePoint(code);
  });
}

/** Refuses a DOCTYPE anywhere outside comments and CDATA, before any parser sees the text. */
function refuseDoctype(text: string, what: string): void {
  const pattern = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE/gi;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].toUpperCase() === '<!DOCTYPE') {
      throw wireFormatError('JX_XML_DOCTYPE_REFUSED', { what, ...position(text, match.index) });
    }
  }
}

/** 1-based line and column of a character index. */
function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, index));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: index - lastBreak };
}
