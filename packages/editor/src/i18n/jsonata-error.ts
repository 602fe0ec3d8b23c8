import { translator } from './i18n.ts';
import type { Translator } from './translator.ts';

/**
 * A JSONata parse error for the expression fields: in English the parser's own message; in another
 * language a sentence of that language giving the position, with the parser's (English) message
 * quoted as a detail, so the sentence around it is never English.
 */
export function jsonataErrorSentence(error: unknown, using: Translator = translator()): string {
  const e = error as { message?: unknown; position?: unknown } | null;
  const reason = typeof e?.message === 'string' ? e.message : String(error);
  if (using.locale === 'en') return reason;
  const sentence =
    typeof e?.position === 'number'
      ? using.lookup('expression.parseErrorAt', { position: e.position, reason })
      : using.lookup('expression.parseError', { reason });
  return sentence ?? reason;
}
