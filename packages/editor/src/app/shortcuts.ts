/** A keyboard shortcut as listed in the help dialog. `mod` is Ctrl, or ⌘ on macOS. */
export interface Shortcut {
  keys: string;
  action: string;
}

/** Every shortcut, in the order the help dialog lists them. */
export const SHORTCUTS: Shortcut[] = [
  { keys: 'Mod+Z', action: 'Undo' },
  { keys: 'Shift+Mod+Z / Mod+Y', action: 'Redo' },
  {
    keys: 'Mod+C / Mod+X / Mod+V',
    action: 'Copy, cut, paste the selection (with the connections between selected nodes)',
  },
  { keys: 'Mod+D', action: 'Duplicate the selection' },
  { keys: 'Mod+A', action: 'Select everything' },
  { keys: 'Delete / Backspace', action: 'Delete the selection' },
  { keys: 'Shift+click, Mod+click', action: 'Add to the selection' },
  { keys: 'Mod+S', action: 'Save to the server' },
  { keys: 'Mod+Enter', action: 'Test run (up to the selected node with Shift)' },
  { keys: 'Shift+L', action: 'Auto-layout' },
  { keys: 'Shift+F', action: 'Fit the flow in view' },
  { keys: 'Shift+N', action: 'Add a sticky note' },
  { keys: 'Escape', action: 'Clear the selection, close dialogs' },
  { keys: '?', action: 'Show this help' },
];

/** True when the platform uses ⌘ rather than Ctrl. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A shortcut as the user's keyboard spells it. */
export function displayKeys(keys: string): string {
  return keys.replace(/Mod/g, IS_MAC ? '⌘' : 'Ctrl');
}
