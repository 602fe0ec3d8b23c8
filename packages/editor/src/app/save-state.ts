import { translator } from '../i18n/i18n.ts';

/** What the toolbar says about saving: a flow never saved is not "Saved", even when empty. */
export function saveStateLabel(
  savedBytes: string | null,
  currentBytes: string,
): { label: string; dirty: boolean } {
  const { t } = translator();
  if (savedBytes === null) return { label: t('saveState.notSaved'), dirty: true };
  return savedBytes === currentBytes
    ? { label: t('saveState.saved'), dirty: false }
    : { label: t('saveState.unsaved'), dirty: true };
}
