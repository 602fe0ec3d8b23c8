import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ApiClient } from '../api/api-client.ts';
import type { EditorCommands } from '../store/commands.ts';
import type { EditorState } from '../store/editor-state.ts';
import type { EditorStore } from '../store/editor-store.ts';

/** What every component of one editor instance can reach. */
export interface EditorServices {
  store: EditorStore;
  commands: EditorCommands;
  api: ApiClient;
}

/** Provides the services of one editor instance. */
export const EditorContext = createContext<EditorServices | null>(null);

/** The services of the enclosing editor. */
export function useEditor(): EditorServices {
  const services = useContext(EditorContext);
  if (!services) throw new Error('useEditor must be used inside <EditorContext.Provider>.');
  return services;
}

/** Subscribes to a slice of the editor state. Pass selectors declared at module level (or `useShallow`). */
export function useEditorState<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditor().store, selector);
}
