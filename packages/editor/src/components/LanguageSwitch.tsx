import { setLocale } from '../i18n/i18n.ts';
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { useT } from '../i18n/useT.ts';

/** Each language named in itself, so a user who cannot read the current one still finds theirs. */
const NATIVE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** The toolbar's language picker; the choice is remembered for the next visit. */
export function LanguageSwitch() {
  const { locale, t } = useT();
  return (
    <select
      className="jx-tool jx-language"
      value={locale}
      aria-label={t('toolbar.language')}
      title={t('toolbar.language')}
      data-testid="language"
      onChange={(event) => void setLocale(event.target.value as Locale)}
    >
      {LOCALES.map((code) => (
        <option key={code} value={code} lang={code}>
          {NATIVE_NAMES[code]}
        </option>
      ))}
    </select>
  );
}
