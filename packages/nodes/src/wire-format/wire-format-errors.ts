import { JunctionError } from '@junction/runtime';

/**
 * Every error raised while bytes become text or XML becomes JSON (and back), with typed parameters and
 * the sentence a user sees. `what` names the body ("the response body", "the webhook body"). The
 * parameters become the error's `details` (never the body's content); translations key on the code.
 */
export const wireFormatErrorMessages = {
  /** A charset neither the decoder nor the encoder knows. */
  JX_UNSUPPORTED_CHARSET: (p: { what: string; charset: string }) =>
    `${cap(p.what)} declares the charset "${p.charset}", which Junction does not know; use utf-8, gbk, gb18030, gb2312, big5 or another WHATWG encoding label.`,
  /** Bytes that are not valid in the declared charset. */
  JX_BODY_MALFORMED: (p: { what: string; charset: string; offset: number }) =>
    `${cap(p.what)} is not valid ${p.charset}: the bytes at offset ${p.offset} cannot be decoded; check the charset the sender declares (or set the charset override).`,
  /** Text with a character the target charset cannot represent. */
  JX_CHARSET_UNENCODABLE: (p: { what: string; charset: string; index: number }) =>
    `${cap(p.what)} cannot be written in ${p.charset}: the character at index ${p.index} has no ${p.charset} form; choose a charset that has it (gb18030 or utf-8).`,
  /** XML that is not well-formed. */
  JX_XML_MALFORMED: (p: { what: string; line: number; column: number; reason: string }) =>
    `${cap(p.what)} is not well-formed XML at line ${p.line}, column ${p.column}: ${p.reason}`,
  /** A document type declaration, refused so no entity can be defined or expanded (XXE, billion laughs). */
  JX_XML_DOCTYPE_REFUSED: (p: { what: string; line: number; column: number }) =>
    `${cap(p.what)} has a DOCTYPE declaration (line ${p.line}, column ${p.column}); DOCTYPEs are refused because their entities could read files or expand without bound.`,
  /** A JSON value that has no XML form (e.g. an array as the document or a key that is not a name). */
  JX_XML_UNREPRESENTABLE: (p: { what: string; reason: string }) =>
    `${cap(p.what)} cannot be written as XML: ${p.reason}`,
} as const;

/** A code of {@link wireFormatErrorMessages}. */
export type WireFormatErrorCode = keyof typeof wireFormatErrorMessages;

/** The parameters of one code's sentence. */
export type WireFormatErrorParams<C extends WireFormatErrorCode> = Parameters<
  (typeof wireFormatErrorMessages)[C]
>[0];

/**
 * Builds the {@link JunctionError} for a catalogue code. None is retryable: the same bytes fail the
 * same way on every attempt.
 */
export function wireFormatError<C extends WireFormatErrorCode>(
  code: C,
  params: WireFormatErrorParams<C>,
  options: { cause?: unknown } = {},
): JunctionError {
  const message = (wireFormatErrorMessages[code] as (p: WireFormatErrorParams<C>) => string)(params);
  return new JunctionError(code, message, { ...params, retryable: false }, options);
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
