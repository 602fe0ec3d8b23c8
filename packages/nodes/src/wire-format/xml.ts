import type { Json } from '@junction/runtime';
import { scanXml } from './xml-scan.ts';

/**
 * XML ⇄ JSON by one mapping, used by `http.request`, webhook and callback bodies and acknowledgements.
 *
 * XML → JSON ({@link xmlToJson}):
 * 1. The document's one root element is unwrapped: `<xml><a>1</a></xml>` → `{"a": "1"}`.
 * 2. A child element becomes a key; an element repeated under the same parent becomes an array
 *    (`<item>1</item><item>2</item>` → `"item": ["1", "2"]`), in document order.
 * 3. Every value is a string, as written (`<fee>007</fee>` → `"007"`): no number guessing, so signatures
 *    over the fields match the bytes sent. An empty element is `""`.
 * 4. An attribute becomes a key with the prefix `@` (`<a id="7">` → `"@id": "7"`).
 * 5. Text and CDATA are one string (CDATA taken literally, `&lt;`, `&amp;`, `&#x4E2D;` … decoded in text).
 *    An element with only text is that string, whitespace kept; an element with attributes or children
 *    keeps its text (trimmed, when not empty) under `#text`.
 * 6. Comments, processing instructions and the XML declaration are dropped.
 *
 * Safety: no DOCTYPE (refused with `JX_XML_DOCTYPE_REFUSED`), so no entity is ever defined or expanded —
 * no XXE, no billion laughs; only XML's five predefined entities and character references are decoded.
 * Malformed XML is `JX_XML_MALFORMED` with line and column. The scanner is Junction's own
 * (`xml-scan.ts`, for speed); a test checks it against fast-xml-parser on random documents.
 */
export interface XmlParseOptions {
  /** Names the body in errors, e.g. "the response body". */
  what?: string;
}

/** The prefix of attribute keys in the JSON form. */
export const XML_ATTRIBUTE_PREFIX = '@';
/** The key of an element's own text when it also has attributes or children. */
export const XML_TEXT_KEY = '#text';

/** Parses an XML document into JSON by the mapping above. */
export function xmlToJson(text: string, options: XmlParseOptions = {}): Json {
  return scanXml(text, options.what ?? 'the body');
}
