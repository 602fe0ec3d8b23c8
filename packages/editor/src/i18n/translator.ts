import type { ErrorCatalogue } from '@junction/runtime/browser';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from './locales.ts';
import type en from './messages/en.json';

/** Every key of the editor catalogue (en.json is the reference; a test keeps zh-CN.json in step). */
export type MessageKey = keyof typeof en;

/** A catalogue: ICU MessageFormat strings by key. */
export type Messages = Record<string, string>;

/** Values for a message's `{placeholders}` (ICU: `{count, plural, one {…} other {…}}`, `{name}`). */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** Translates keys of one language and formats dates, numbers and money for it. */
export interface Translator {
  readonly locale: Locale;
  /** Error sentences by code in this language (the runtime's catalogue); none for English. */
  readonly errors?: ErrorCatalogue;
  /** The message for `key` with `values` filled in; the key itself when the catalogue lacks it. */
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * The message with rich values (React elements, e.g. `<code>` parts) in its placeholders: a string,
   * or an array of strings and those values, ready to render as children.
   */
  rich<T>(key: MessageKey, values: Record<string, T | string | number>): string | Array<string | T>;
  /** The message for a key built at run time (error codes, node categories), or undefined. */
  lookup(key: string, values?: MessageValues): string | undefined;
  /** Date and time of day, in UTC+8 for zh-CN (where the merchants and their suppliers are). */
  dateTime(value: Date | number | string): string;
  /** Time of day only. */
  time(value: Date | number | string): string;
  /** A number with the locale's grouping. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** An amount in yuan (CNY, shown as ¥). */
  money(value: number): string;
}

/** Time zone per language: Chinese merchants read UTC+8; English readers their browser's zone. */
function timeZone(locale: Locale): string | undefined {
  return locale === 'zh-CN' ? 'Asia/Shanghai' : undefined;
}

/**
 * Builds the translator for one language from its catalogue (and the error sentences of that
 * language, see {@link Translator.errors}). Formats are compiled once per key.
 */
export function createTranslator(locale: Locale, messages: Messages, errors?: ErrorCatalogue): Translator {
  const compiled = new Map<string, IntlMessageFormat>();
  const zone = timeZone(locale);
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: zone,
  });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone: zone });
  const moneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
  });
  const formatOf = (key: string): IntlMessageFormat | undefined => {
    const source = messages[key];
    if (source === undefined) return undefined;
    let format = compiled.get(key);
    if (!format) {
      format = new IntlMessageFormat(source, locale);
      compiled.set(key, format);
    }
    return format;
  };
  const lookup = (key: string, values?: MessageValues): string | undefined => {
    const format = formatOf(key);
    return format && String(format.format(values as Record<string, string>));
  };
  return {
    locale,
    ...(errors && { errors }),
    lookup,
    t: (key, values) => lookup(key, values) ?? key,
    rich: <T>(key: MessageKey, values: Record<string, T | string | number>) => {
      const format = formatOf(key);
      if (!format) return key;
      const result = format.format<T>(values);
      return Array.isArray(result) ? (result as Array<string | T>) : String(result);
    },
    dateTime: (value) => dateTimeFormat.format(new Date(value)),
    time: (value) => timeFormat.format(new Date(value)),
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    money: (value) => moneyFormat.format(value),
  };
}
