import { JunctionError } from '@junction/runtime';

/**
 * The deepest nesting of arrays and objects a JSON body may have. Real payloads (webhooks, flows,
 * supplier callbacks) stay far below it; anything deeper would only exhaust the stack of the
 * recursive code that later walks the value (mappers, expression evaluation, serialisation).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Throws `JX_JSON_TOO_DEEP` when `text` nests arrays or objects deeper than `limit`. Scans the text
 * once before parsing (brackets inside strings do not count), so a hostile body is refused before
 * any value is built and without recursion.
 */
export function assertJsonDepth(text: string, limit = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) {
        throw new JunctionError(
          'JX_JSON_TOO_DEEP',
          `The JSON body nests arrays or objects deeper than ${limit} levels; flatten it.`,
          { limit },
        );
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}
