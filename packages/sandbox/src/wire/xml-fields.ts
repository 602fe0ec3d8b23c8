import { JunctionError } from '@junction/runtime';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

const CDATA = '#cdata';
const builder = new XMLBuilder({ cdataPropName: CDATA, suppressEmptyNode: false });
// Attributes are not part of the legacy platforms' messages; values stay text (no number guessing),
// because signatures are computed over the text as sent.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** A message's fields as the sandbox writes them: strings become CDATA, numbers plain text. */
export type XmlFields = Record<string, string | number>;

/**
 * Writes fields as one flat `<xml>` document, WeChat Pay v2 style:
 * `<xml><code>0</code><message><![CDATA[ok]]></message></xml>` (`]]>` inside a string is split
 * across two CDATA sections, so any text survives).
 */
export function fieldsToXml(fields: XmlFields, root = 'xml'): string {
  const children: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    children[name] = typeof value === 'string' ? { [CDATA]: value } : value;
  }
  return builder.build({ [root]: children }) as string;
}

function malformed(what: string, reason: string, details: Record<string, unknown> = {}): JunctionError {
  return new JunctionError(
    'JX_SANDBOX_XML_MALFORMED',
    `The ${what} is not a well-formed XML message: ${reason}`,
    {
      what,
      ...details,
    },
  );
}

/**
 * Reads an XML message into the fields under its root element (`<xml>` or any other name). A
 * document type declaration is refused outright, so no entity is ever expanded (no XXE, no
 * billion laughs); malformed XML throws `JX_SANDBOX_XML_MALFORMED` with the line and column.
 * Nested or repeated elements come back as objects or arrays, for the caller to refuse.
 */
export function xmlToFields(text: string, what: string): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(text)) throw malformed(what, 'a DOCTYPE is not accepted.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw malformed(what, `${msg} (line ${line}, column ${col}).`, { line, column: col });
  }
  const document = parser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(document);
  const fields = document[roots[0]!];
  if (roots.length !== 1 || typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw malformed(what, 'expected one root element with the fields as child elements.');
  }
  return fields as Record<string, unknown>;
}
