import { displayKeys, SHORTCUTS } from '../app/shortcuts.ts';
import { Dialog } from './Dialog.tsx';

/** Lists every keyboard shortcut. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="jx-shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{displayKeys(s.keys)}</kbd>
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="jx-help">
        Tips: drag from an output handle (right) to an input handle (left) to connect. Switch any field to an
        expression with the <code>{'{=}'}</code> button; type <code>$nodes.</code> for data from earlier
        nodes.
      </p>
    </Dialog>
  );
}
