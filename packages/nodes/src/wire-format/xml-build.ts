import type { Json } from '@junction/runtime';
import { wireFormatError } from './wire-format-errors.ts';
import { XML_ATTRIBUTE_PREFIX, XML_TEXT_KEY } from './xml.ts';

/** Options of {@link jsonToXml}. */
export interface XmlBuildOptions {
  /** The root element's name (default `xml`, as WeChat Pay v2 and many card platforms use). */
  root?: string;
  /** Write strings as CDATA sections (`<return_code><![CDATA[SUCCESS]]></return_code>`); numbers and booleans stay plain. */
  cdata?: boolean;
  /** When set, an XML declaration naming this encoding opens the document. */
  declaration?: string;
  /** Names the body in errors, e.g. "the request body". */
  what?: string;
}

// Names as XML 1.0 allows them, without the rarely used astral ranges.
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*$/;

/**
 * Writes JSON as XML by the inverse of {@link xmlToJson}'s mapping: the value becomes the root element's
 * content; keys become child elements, arrays repeated elements, `@name` keys attributes and `#text`
 * the element's text; `null` is an empty element. Text is escaped (`&lt;` `&amp;` …), or written as
 * CDATA with `cdata` (a `]]>` inside is split across two sections). A key that is not an XML name, or an
 * array as the whole document, is `JX_XML_UNREPRESENTABLE`.
 */
export function jsonToXml(value: Json, options: XmlBuildOptions = {}): string {
  const what = options.what ?? 'the body';
  const root = options.root ?? 'xml';
  if (Array.isArray(value)) {
    throw wireFormatError('JX_XML_UNREPRESENTABLE', {
      what,
      reason: 'an array cannot be the whole document; wrap it in an object ({"item": [...]}).',
    });
  }
  const head = options.declaration ? `<?xml version="1.0" encoding="${options.declaration}"?>` : '';
  return head + element(root, value, { cdata: options.cdata ?? false, what });
}

interface Writing {
  cdata: boolean;
  what: string;
}

function element(name: string, value: Json, writing: Writing): string {
  if (!NAME.test(name)) {
    throw wireFormatError('JX_XML_UNREPRESENTABLE', {
      what: writing.what,
      reason: `${JSON.stringify(name)} is not an XML element name.`,
    });
  }
  if (Array.isArray(value)) return value.map((item) => element(name, item, writing)).join('');
  if (value === null) return `<${name}/>`;
  if (typeof value !== 'object') return `<${name}>${text(value, writing)}</${name}>`;
  let attributes = '';
  let content = '';
  for (const [key, item] of Object.entries(value)) {
    if (key === XML_TEXT_KEY) content += text(item, writing);
    else if (key.startsWith(XML_ATTRIBUTE_PREFIX)) attributes += attribute(key.slice(1), item, writing);
    else content += element(key, item, writing);
  }
  return `<${name}${attributes}>${content}</${name}>`;
}

function attribute(name: string, value: Json, writing: Writing): string {
  if (!NAME.test(name) || (typeof value === 'object' && value !== null)) {
    throw wireFormatError('JX_XML_UNREPRESENTABLE', {
      what: writing.what,
      reason: `the attribute ${JSON.stringify(name)} needs an XML name and a scalar value.`,
    });
  }
  return ` ${name}="${escapeText(value === null ? '' : String(value)).replaceAll('"', '&quot;')}"`;
}

function text(value: Json, writing: Writing): string {
  if (value === null) return '';
  if (typeof value === 'object') return escapeText(JSON.stringify(value));
  if (typeof value === 'string' && writing.cdata) {
    return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  }
  return escapeText(String(value));
}

function escapeText(raw: string): string {
  return raw.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
