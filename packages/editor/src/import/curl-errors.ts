import { EditorError } from '../errors/editor-error.ts';
import en from '../i18n/messages/en.json' with { type: 'json' };

/**
 * The codes a cURL import fails with and the details each sentence names. The sentences themselves are
 * the editor catalogues' `error.<code>` messages (en, zh-CN), so the English one is written once.
 */
export const CURL_ERRORS = {
  /** The text does not start with `curl`. */
  JX_CURL_NOT_CURL: [],
  /** A quote opened at `position` (offset; `line`, `column` 1-based) is never closed. */
  JX_CURL_UNTERMINATED_QUOTE: ['quote', 'position', 'line', 'column'],
  /** An option that needs a value ends the command. */
  JX_CURL_MISSING_VALUE: ['option'],
  /** No URL in the command. */
  JX_CURL_NO_URL: [],
  /** The URL does not parse as an absolute http(s) URL. */
  JX_CURL_BAD_URL: ['url'],
  /** A method the http.request node cannot send. */
  JX_CURL_METHOD: ['method'],
  /** `-F`/`--form`: a multipart body, which the node does not send. */
  JX_CURL_MULTIPART: ['option'],
  /** `@file` data or a cookie file: the file is on the machine the command was copied from. */
  JX_CURL_FILE_REFERENCE: ['option', 'file'],
  /** An option the importer does not know and that would change the request. */
  JX_CURL_UNKNOWN_OPTION: ['option'],
} as const satisfies Record<string, readonly string[]>;

/** A cURL import error code. */
export type CurlErrorCode = keyof typeof CURL_ERRORS;

/** The error `code` with its English catalogue sentence filled from `details`. */
export function curlError(code: CurlErrorCode, details: Record<string, string | number> = {}): EditorError {
  const sentence = (en as Record<string, string>)[`error.${code}`] ?? code;
  const message = sentence.replace(/\{(\w+)\}/g, (_, name: string) => String(details[name] ?? ''));
  return new EditorError(code, message, details);
}
