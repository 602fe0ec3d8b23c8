import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { autoLayout, saveFlow } from '../app/flow-actions.ts';
import type { ClipboardPayload } from '../document/clipboard.ts';
import { parseClipboard } from '../document/clipboard.ts';
import { importCurl, isCurlCommand } from '../import/import-curl.ts';
import { useFitView } from './useFitView.ts';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return (
    element.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) ||
    !!element.closest('.monaco-editor')
  );
}

/** Binds the editor's keyboard shortcuts and clipboard events to the window while mounted. */
export function useKeyboardShortcuts(runTest: (upToSelection: boolean) => void): void {
  const { store, commands, api } = useEditor();
  const flow = useReactFlow();
  const fit = useFitView();
  const buffer = useRef<ClipboardPayload | undefined>(undefined);
  // A pasted cURL command lands where the pointer last was (the window's centre before it moved).
  const pointer = useRef({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
  const runRef = useRef(runTest);
  runRef.current = runTest;

  useEffect(() => {
    const state = () => store.getState();
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (key === 'escape') {
        if (state().ui.dialog) state().setUi({ dialog: null });
        else if (!isTyping(event.target)) state().select({ nodes: [], edges: [], notes: [] });
        return;
      }
      if (mod && key === 's') {
        event.preventDefault();
        void saveFlow(store, api);
        return;
      }
      if (mod && key === 'enter') {
        event.preventDefault();
        runRef.current(event.shiftKey);
        return;
      }
      if (isTyping(event.target) || state().ui.dialog) return;
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) state().redo();
        else state().undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        state().redo();
      } else if (mod && key === 'd') {
        event.preventDefault();
        commands.duplicate();
      } else if (mod && key === 'a') {
        event.preventDefault();
        commands.selectAll();
      } else if (!mod && (key === 'delete' || key === 'backspace')) {
        event.preventDefault();
        commands.deleteSelection();
      } else if (!mod && event.shiftKey && key === 'l') {
        void autoLayout(store).then(() => requestAnimationFrame(() => fit()));
      } else if (!mod && event.shiftKey && key === 'f') {
        fit();
      } else if (!mod && event.shiftKey && key === 'n') {
        const centre = flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
        commands.addNote(centre);
      } else if (event.key === '?') {
        state().setUi({ dialog: 'shortcuts' });
      }
    };
    // Copy and paste go through the clipboard events, which need no permission prompt and work across tabs.
    const onCopy = (event: ClipboardEvent, cut: boolean) => {
      if (isTyping(event.target) || state().ui.dialog) return;
      const payload = commands.copy();
      if (!payload) return;
      event.preventDefault();
      buffer.current = payload;
      event.clipboardData?.setData('text/plain', JSON.stringify(payload));
      if (cut) commands.deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || state().ui.dialog) return;
      const text = event.clipboardData?.getData('text/plain');
      if (text && isCurlCommand(text)) {
        event.preventDefault();
        importCurl(store, text, flow.screenToFlowPosition(pointer.current));
        return;
      }
      const payload = (text && parseClipboard(text)) || buffer.current;
      if (!payload) return;
      event.preventDefault();
      commands.paste(payload);
    };
    const onPointer = (event: PointerEvent) => {
      pointer.current = { x: event.clientX, y: event.clientY };
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('copy', copy);
    window.addEventListener('cut', cut);
    window.addEventListener('paste', onPaste);
    window.addEventListener('pointermove', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('copy', copy);
      window.removeEventListener('cut', cut);
      window.removeEventListener('paste', onPaste);
      window.removeEventListener('pointermove', onPointer);
    };
  }, [store, commands, api, flow, fit]);
}
