import { useEffect } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { validateDocument } from '../validation/validate-document.ts';

/**
 * Re-validates the document in the browser shortly after each edit, so markers and the problem list
 * follow the user's typing without a server round trip.
 */
export function useLiveValidation(delayMs = 200): void {
  const { store } = useEditor();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { document, catalogue, ports } = store.getState();
      if (!catalogue.nodeTypes.length) return;
      const kinds = new Map(catalogue.credentials.map((c) => [c.id, c.kind]));
      const problems = validateDocument(document, {
        nodeTypes: catalogue.nodeTypes,
        ports,
        // Without a credential list (token lacks the scope) unknown ids are left to the server.
        ...(catalogue.credentialsKnown && { credentialKind: (id: string) => kinds.get(id) }),
      });
      store.getState().setProblems(problems);
    };
    run();
    const unsubscribe = store.subscribe((state, previous) => {
      const same =
        state.document === previous.document &&
        state.catalogue === previous.catalogue &&
        state.ports === previous.ports;
      if (same) return;
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, delayMs]);
}
