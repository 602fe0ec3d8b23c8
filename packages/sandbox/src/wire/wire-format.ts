import { JunctionError } from '@junction/runtime';

/** Charsets the sandbox answers and calls back in. Requests may come in any charset it can decode. */
export type SandboxCharset = 'utf-8' | 'gbk';

/** Body formats of the sandbox: JSON objects, or flat `<xml>…</xml>` documents. */
export type SandboxFormat = 'json' | 'xml';

/**
 * How the sandbox speaks: the charset and format of gateway answers and callbacks. UTF-8 JSON is the
 * platform of the design; GBK and XML are the legacy platforms (WeChat Pay v2, older card platforms).
 */
export interface WireFormat {
  charset: SandboxCharset;
  format: SandboxFormat;
}

/** UTF-8 JSON: what the sandbox speaks unless told otherwise. */
export const DEFAULT_WIRE_FORMAT: Readonly<WireFormat> = Object.freeze({ charset: 'utf-8', format: 'json' });

const CHARSETS: readonly SandboxCharset[] = ['utf-8', 'gbk'];
const FORMATS: readonly SandboxFormat[] = ['json', 'xml'];

/** Checks a charset setting (any case; `utf8` is read as `utf-8`), or throws `code`. */
export function parseCharsetSetting(
  value: unknown,
  where: string,
  code = 'JX_SANDBOX_CONFIG',
): SandboxCharset {
  const text = typeof value === 'string' ? value.toLowerCase().replace(/^utf8$/, 'utf-8') : value;
  if (CHARSETS.includes(text as SandboxCharset)) return text as SandboxCharset;
  throw new JunctionError(
    code,
    `${where}: charset must be one of ${CHARSETS.join(', ')}, got ${JSON.stringify(value)}.`,
    {
      where,
      field: 'charset',
    },
  );
}

/** Checks a format setting, or throws `code`. */
export function parseFormatSetting(value: unknown, where: string, code = 'JX_SANDBOX_CONFIG'): SandboxFormat {
  const text = typeof value === 'string' ? value.toLowerCase() : value;
  if (FORMATS.includes(text as SandboxFormat)) return text as SandboxFormat;
  throw new JunctionError(
    code,
    `${where}: format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(value)}.`,
    {
      where,
      field: 'format',
    },
  );
}

/**
 * Checks `{charset?, format?}` (the admin API's body): unknown keys and values are refused with
 * `JX_SANDBOX_WIRE_INVALID`; a missing setting is the default.
 */
export function parseWireFormat(value: unknown, where = 'wire format'): WireFormat {
  const code = 'JX_SANDBOX_WIRE_INVALID';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JunctionError(code, `The ${where} must be a JSON object {"charset", "format"}.`, { where });
  }
  const { charset, format, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) {
    throw new JunctionError(
      code,
      `The ${where} has an unknown key "${unknown}"; known keys: charset, format.`,
      {
        where,
        key: unknown,
      },
    );
  }
  return {
    charset:
      charset === undefined
        ? DEFAULT_WIRE_FORMAT.charset
        : parseCharsetSetting(charset, `The ${where}`, code),
    format:
      format === undefined ? DEFAULT_WIRE_FORMAT.format : parseFormatSetting(format, `The ${where}`, code),
  };
}
