import { displayKeys, SHORTCUTS } from '../app/shortcuts.ts';
import { useT } from '../i18n/useT.ts';
import { Dialog } from './Dialog.tsx';

/** Lists every keyboard shortcut. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const { t, rich } = useT();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <table className="jx-shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{displayKeys(s.keys)}</kbd>
              </td>
              <td>{t(s.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="jx-help">
        {rich('shortcuts.tips', {
          button: <code key="button">{'{=}'}</code>,
          nodes: <code key="nodes">$nodes.</code>,
        })}
      </p>
    </Dialog>
  );
}
