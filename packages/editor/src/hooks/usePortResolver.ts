import { useEffect } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { createPortResolver } from '../ports/port-resolver.ts';

/** Keeps the ports of dynamic nodes (switch cases, merge inputs…) in step with the server while mounted. */
export function usePortResolver(debounceMs?: number): void {
  const { store, api } = useEditor();
  useEffect(() => {
    const resolver = createPortResolver({ store, api, ...(debounceMs !== undefined && { debounceMs }) });
    return () => resolver.destroy();
  }, [store, api, debounceMs]);
}
