import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { MINIMAP_INSET, READABLE_FIT, readableViewport } from '../canvas/fit-viewport.ts';

/**
 * The editor's "fit": every node when that stays readable, otherwise the flow's beginning at the
 * minimum readable zoom; kept clear of the minimap while it is shown. Used by the toolbar, Shift+F,
 * auto-layout and when a flow is opened.
 */
export function useFitView(): (duration?: number) => void {
  const flow = useReactFlow();
  const reactFlowStore = useStoreApi();
  const { store } = useEditor();
  return useCallback(
    (duration = 300) => {
      const nodes = flow.getNodes();
      const { width, height } = reactFlowStore.getState();
      if (!nodes.length || !width || !height) return;
      const bounds = flow.getNodesBounds(nodes);
      const bottomInset = store.getState().ui.minimapHidden ? 0 : MINIMAP_INSET;
      void flow.setViewport(readableViewport(bounds, { width, height }, { ...READABLE_FIT, bottomInset }), {
        duration,
      });
    },
    [flow, reactFlowStore, store],
  );
}
