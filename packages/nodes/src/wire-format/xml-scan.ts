import type { Json } from '@junction/runtime';
import { wireFormatError } from './wire-format-errors.ts';

/**
 * A strict, small XML scanner producing the mapping of `xmlToJson` in one pass, without a tree of
 * nodes in between (see docs/old-systems.md for why Junction has its own: a 100 KB document in
 * under 5 ms). It knows exactly what the mapping needs:
 *
 * 1. Elements, attributes (quoted with `"` or `'`, whitespace between them, none repeated), text,
 *    CDATA (literal), comments (dropped), processing instructions and the declaration (dropped;
 *    the declaration only at the very start).
 * 2. XML's five predefined entities and numeric character references; any other `&` is malformed.
 * 3. `<!DOCTYPE` anywhere is `JX_XML_DOCTYPE_REFUSED`: no entity is ever defined, so none can read a
 *    file (XXE) or expand without bound (billion laughs).
 * 4. Line ends are normalised to `\n` first, as XML requires; every error is `JX_XML_MALFORMED` with
 *    the line and column of the offending character and a reason.
 */
export function scanXml(source: string, what: string): Json {
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  return new XmlScan(text, what).document();
}

/** An open element: its name, where it starts, its attributes and children so far, and its text. */
interface Frame {
  name: string;
  start: number;
  /** Made at the first attribute or child: most elements have only text. */
  value: Record<string, Json> | undefined;
  hasAttributes: boolean;
  hasElements: boolean;
  text: string;
}

const DECLARATION = /^<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*\?>$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlScan {
  private readonly stack: Frame[] = [];
  private root: Json | undefined;
  private roots = 0;
  /** The next `&` at or after the last place looked from (-1: none left), so text without one is not rescanned. */
  private nextAmp = -2;

  constructor(
    private readonly text: string,
    private readonly what: string,
  ) {}

  document(): Json {
    const { text } = this;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const first = i;
    while (i < text.length) {
      const lt = text.indexOf('<', i);
      const end = lt === -1 ? text.length : lt;
      if (end > i) this.characters(i, end);
      if (lt === -1) break;
      const next = text.charCodeAt(lt + 1);
      if (next === 0x2f /* / */) i = this.closeTag(lt);
      else if (next === 0x21 /* ! */) i = this.markup(lt);
      else if (next === 0x3f /* ? */) i = this.instruction(lt, first);
      else i = this.openTag(lt);
    }
    const open = this.stack[this.stack.length - 1];
    if (open) this.fail(open.start, `the element <${open.name}> is never closed.`);
    if (this.roots !== 1) this.fail(text.length, 'a document has one root element, this one has 0.');
    return this.root as Json;
  }

  /** Text between markup: kept (references decoded) inside the root, only whitespace outside it. */
  private characters(start: number, end: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top) {
      top.text += this.decode(start, end);
      return;
    }
    for (let i = start; i < end; i++) {
      if (!isSpace(this.text.charCodeAt(i))) this.fail(i, 'text is only allowed inside the root element.');
    }
  }

  private openTag(lt: number): number {
    const { text } = this;
    const nameEnd = this.nameEnd(lt + 1, 'an element name');
    const name = text.slice(lt + 1, nameEnd);
    if (!this.stack.length && this.roots > 0) {
      this.fail(lt, `a document has one root element; a second one, <${name}>, starts here.`);
    }
    const frame: Frame = {
      name,
      start: lt,
      value: undefined,
      hasAttributes: false,
      hasElements: false,
      text: '',
    };
    let i = nameEnd;
    for (;;) {
      const spaced = isSpace(text.charCodeAt(i));
      i = this.skipSpace(i);
      const c = text.charCodeAt(i);
      if (c === 0x3e /* > */) {
        this.stack.push(frame);
        return i + 1;
      }
      if (c === 0x2f /* / */) {
        if (text.charCodeAt(i + 1) !== 0x3e) this.fail(i, `"/" in <${name}> must be followed by ">".`);
        this.close(frame);
        return i + 2;
      }
      if (Number.isNaN(c)) this.fail(lt, `the tag <${name}> is never ended with ">".`);
      if (!spaced) this.fail(i, `attributes of <${name}> are separated by whitespace.`);
      i = this.attribute(frame, i);
    }
  }

  /** One `name="value"`; returns the index after its closing quote. */
  private attribute(frame: Frame, start: number): number {
    const { text } = this;
    const nameEnd = this.nameEnd(start, 'an attribute name');
    const key = `@${text.slice(start, nameEnd)}`;
    let i = this.skipSpace(nameEnd);
    if (text.charCodeAt(i) !== 0x3d /* = */) this.fail(start, `the attribute ${key.slice(1)} has no value.`);
    i = this.skipSpace(i + 1);
    const quote = text[i];
    if (quote !== '"' && quote !== "'") this.fail(i, `the value of ${key.slice(1)} must be quoted.`);
    const close = text.indexOf(quote as string, i + 1);
    if (close === -1) this.fail(i, `the value of ${key.slice(1)} is never closed.`);
    const lt = text.indexOf('<', i + 1);
    if (lt !== -1 && lt < close) this.fail(lt, `"<" is not allowed in the value of ${key.slice(1)}.`);
    frame.value ??= {};
    if (Object.hasOwn(frame.value, key)) this.fail(start, `the attribute ${key.slice(1)} is repeated.`);
    setKey(frame.value, key, this.decode(i + 1, close));
    frame.hasAttributes = true;
    return close + 1;
  }

  private closeTag(lt: number): number {
    const { text } = this;
    const top = this.stack.pop();
    // The usual case, </name> of the open element, is checked without slicing its name out.
    const expected = top ? lt + 2 + top.name.length : -1;
    const matches =
      top !== undefined && text.startsWith(top.name, lt + 2) && !isNameChar(text.charCodeAt(expected));
    const nameEnd = matches ? expected : this.nameEnd(lt + 2, 'an element name');
    const name = matches ? top.name : text.slice(lt + 2, nameEnd);
    const gt = this.skipSpace(nameEnd);
    if (text.charCodeAt(gt) !== 0x3e) this.fail(gt, `the closing tag </${name}> must end with ">".`);
    if (!top) this.fail(lt, `the closing tag </${name}> has no open element.`);
    if (!matches) {
      const at = this.position(top.start);
      this.fail(
        lt,
        `expected </${top.name}> (opened at line ${at.line}, column ${at.column}) instead of </${name}>.`,
      );
    }
    this.close(top);
    return gt + 1;
  }

  /** The element's value by the mapping, added to its parent (repetition makes an array). */
  private close(frame: Frame): void {
    let value: Json;
    if (!frame.hasElements && !frame.hasAttributes) value = frame.text;
    else {
      const trimmed = frame.text.trim();
      value = frame.value ?? {};
      if (trimmed !== '') value['#text'] = trimmed;
    }
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.root = value;
      this.roots++;
      return;
    }
    parent.hasElements = true;
    parent.value ??= {};
    const existing = Object.hasOwn(parent.value, frame.name) ? parent.value[frame.name] : undefined;
    // An element's value is a string or an object, so an array here was made by repetition.
    if (existing === undefined) setKey(parent.value, frame.name, value);
    else if (Array.isArray(existing)) existing.push(value);
    else setKey(parent.value, frame.name, [existing, value]);
  }

  /** `<!--…-->`, `<![CDATA[…]]>`; a DOCTYPE is refused, anything else is malformed. */
  private markup(lt: number): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) this.fail(lt, 'the comment is never closed with "-->".');
      return end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) this.fail(lt, 'the CDATA section is never closed with "]]>".');
      const top = this.stack[this.stack.length - 1];
      if (!top) this.fail(lt, 'CDATA is only allowed inside the root element.');
      top.text += text.slice(lt + 9, end);
      return end + 3;
    }
    if (text.slice(lt + 2, lt + 9).toUpperCase() === 'DOCTYPE') {
      throw wireFormatError('JX_XML_DOCTYPE_REFUSED', { what: this.what, ...this.position(lt) });
    }
    return this.fail(lt, '"<!" starts neither a comment nor CDATA.');
  }

  /** `<?target …?>`: dropped; the XML declaration only at the start of the document. */
  private instruction(lt: number, first: number): number {
    const end = this.text.indexOf('?>', lt + 2);
    if (end === -1) this.fail(lt, 'the processing instruction is never closed with "?>".');
    const targetEnd = this.nameEnd(lt + 2, 'a processing instruction target');
    const target = this.text.slice(lt + 2, targetEnd);
    if (targetEnd !== end && !isSpace(this.text.charCodeAt(targetEnd))) {
      this.fail(targetEnd, `the processing instruction ${target} needs whitespace after its target.`);
    }
    // As before this scanner: "<!DOCTYPE" anywhere outside comments and CDATA is refused.
    const doctype = this.text.slice(targetEnd, end).toUpperCase().indexOf('<!DOCTYPE');
    if (doctype !== -1) {
      throw wireFormatError('JX_XML_DOCTYPE_REFUSED', {
        what: this.what,
        ...this.position(targetEnd + doctype),
      });
    }
    if (target.toLowerCase() === 'xml') {
      if (lt !== first) this.fail(lt, 'the XML declaration is only allowed at the start of the document.');
      if (!DECLARATION.test(this.text.slice(lt, end + 2))) {
        this.fail(lt, 'the XML declaration is written as <?xml version="1.0" encoding="…"?>.');
      }
    }
    return end + 2;
  }

  /** Text from `start` to `end` with the predefined entities and character references decoded. */
  private decode(start: number, end: number): string {
    const { text } = this;
    if (this.nextAmp !== -1 && this.nextAmp < start) this.nextAmp = text.indexOf('&', start);
    let amp = this.nextAmp;
    if (amp === -1 || amp >= end) return text.slice(start, end);
    let out = '';
    let from = start;
    while (amp !== -1 && amp < end) {
      const semi = text.indexOf(';', amp);
      if (semi === -1 || semi >= end || semi - amp > 32) this.fail(amp, '"&" starts no entity or reference.');
      out += text.slice(from, amp) + this.reference(amp, text.slice(amp + 1, semi));
      from = semi + 1;
      amp = text.indexOf('&', from);
    }
    return out + text.slice(from, end);
  }

  private reference(at: number, ref: string): string {
    if (ref[0] !== '#') {
      const predefined = PREDEFINED[ref];
      if (predefined !== undefined) return predefined;
      return this.fail(
        at,
        `the entity &${ref}; is not defined (only &lt; &gt; &amp; &quot; &apos; and character references are).`,
      );
    }
    const hex = ref[1] === 'x';
    const digits = ref.slice(hex ? 2 : 1);
    if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) this.fail(at, `&${ref}; is not a reference.`);
    const code = Number.parseInt(digits, hex ? 16 : 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      this.fail(at, `&${ref}; is not a character.`);
    }
    return String.fromCodePoint(code);
  }

  /** The end of the XML name starting at `start`; malformed when there is none. */
  private nameEnd(start: number, kind: string): number {
    const { text } = this;
    if (!isNameStart(text.charCodeAt(start))) this.fail(start, `${kind} is expected here.`);
    let i = start + 1;
    while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
    return i;
  }

  private skipSpace(start: number): number {
    let i = start;
    while (isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  private fail(index: number, reason: string): never {
    throw wireFormatError('JX_XML_MALFORMED', { what: this.what, ...this.position(index), reason });
  }

  /** 1-based line and column of a character index. */
  position(index: number): { line: number; column: number } {
    const before = this.text.slice(0, Math.max(0, index));
    const lastBreak = before.lastIndexOf('\n');
    return { line: before.split('\n').length, column: index - lastBreak };
  }
}

/** Sets a key even when it is `__proto__`, so an element name never reaches a prototype. */
function setKey(target: Record<string, Json>, key: string, value: Json): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** XML NameStartChar, with every non-ASCII character allowed (Chinese element names included). */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}
