import type { MessageKey } from '../i18n/translator.ts';

/** A keyboard shortcut as listed in the help dialog. `mod` is Ctrl, or ⌘ on macOS. */
export interface Shortcut {
  keys: string;
  /** Catalogue key of what the shortcut does. */
  action: MessageKey;
}

/** Every shortcut, in the order the help dialog lists them. */
export const SHORTCUTS: Shortcut[] = [
  { keys: 'Mod+Z', action: 'shortcut.undo' },
  { keys: 'Shift+Mod+Z / Mod+Y', action: 'shortcut.redo' },
  {
    keys: 'Mod+C / Mod+X / Mod+V',
    action: 'shortcut.clipboard',
  },
  { keys: 'Mod+D', action: 'shortcut.duplicate' },
  { keys: 'Mod+A', action: 'shortcut.selectAll' },
  { keys: 'Delete / Backspace', action: 'shortcut.delete' },
  { keys: 'Shift+click, Mod+click', action: 'shortcut.addToSelection' },
  { keys: 'Mod+S', action: 'shortcut.save' },
  { keys: 'Mod+Enter', action: 'shortcut.testRun' },
  { keys: 'Shift+L', action: 'shortcut.autoLayout' },
  { keys: 'Shift+F', action: 'shortcut.fit' },
  { keys: 'Shift+N', action: 'shortcut.note' },
  { keys: 'Escape', action: 'shortcut.escape' },
  { keys: '?', action: 'shortcut.help' },
];

/** True when the platform uses ⌘ rather than Ctrl. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A shortcut as the user's keyboard spells it. */
export function displayKeys(keys: string): string {
  return keys.replace(/Mod/g, IS_MAC ? '⌘' : 'Ctrl');
}
