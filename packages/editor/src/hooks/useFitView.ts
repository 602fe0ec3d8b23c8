import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { type FitOptions, MINIMAP_INSET, readableViewport, WHOLE_FIT } from '../canvas/fit-viewport.ts';

/**
 * The editor's "fit": every node of the flow (the toolbar's Fit, Shift+F, auto-layout), or with
 * `READABLE_FIT` the whole flow when it stays readable and else its beginning (when a flow is
 * opened); kept clear of the minimap while it is shown.
 */
export function useFitView(): (duration?: number, options?: FitOptions) => void {
  const flow = useReactFlow();
  const reactFlowStore = useStoreApi();
  const { store } = useEditor();
  return useCallback(
    (duration = 300, options: FitOptions = WHOLE_FIT) => {
      const nodes = flow.getNodes();
      const { width, height } = reactFlowStore.getState();
      if (!nodes.length || !width || !height) return;
      const bounds = flow.getNodesBounds(nodes);
      const bottomInset = store.getState().ui.minimapHidden ? 0 : MINIMAP_INSET;
      void flow.setViewport(readableViewport(bounds, { width, height }, { ...options, bottomInset }), {
        duration,
      });
    },
    [flow, reactFlowStore, store],
  );
}
