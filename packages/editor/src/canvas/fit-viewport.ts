/** A rectangle in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A React Flow viewport: screen = flow × zoom + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** How {@link readableViewport} fits. */
export interface FitOptions {
  /** Below this zoom node labels are unreadable; a larger flow shows its beginning instead. */
  minZoom: number;
  maxZoom: number;
  /** Screen pixels kept free around the flow. */
  padding: number;
  /** Screen pixels at the bottom covered by an overlay (the minimap), kept free of nodes when possible. */
  bottomInset?: number;
}

/**
 * How a flow opens: whole when that keeps labels at least ~6.5 px (13 px × 0.5), e.g. the 26-node
 * order-card example on a 1440 × 900 window, else its beginning at that zoom (a 1,000-node flow opens
 * on its trigger, not as dust). Small flows are not blown up.
 */
export const READABLE_FIT: FitOptions = { minZoom: 0.5, maxZoom: 1, padding: 40 };

/** What Fit (toolbar, Shift+F, after auto-layout) does: every node of a flow of any size in view. */
export const WHOLE_FIT: FitOptions = { minZoom: 0, maxZoom: 1, padding: 40 };

/** The smallest zoom the canvas allows, so {@link WHOLE_FIT} can show even a flow of thousands of nodes. */
export const CANVAS_MIN_ZOOM = 0.002;

/** Screen height the minimap (plus its margin) takes in the bottom-right corner. */
export const MINIMAP_INSET = 140;

/**
 * The viewport that shows `bounds` in a `canvas` of the given size: the whole flow centred when it fits
 * at a readable zoom, otherwise the zoom stops at `minZoom` and the flow's beginning (left edge, and top
 * edge when it is also too tall) is shown, because a flow reads from its trigger on the left.
 */
export function readableViewport(
  bounds: Box,
  canvas: { width: number; height: number },
  options: FitOptions = READABLE_FIT,
): Viewport {
  const { padding, minZoom, maxZoom } = options;
  const width = Math.max(canvas.width - 2 * padding, 1);
  const fullHeight = Math.max(canvas.height - 2 * padding, 1);
  const insetHeight = Math.max(fullHeight - (options.bottomInset ?? 0), 1);
  const fitZoom = (height: number) =>
    Math.min(width / Math.max(bounds.width, 1), height / Math.max(bounds.height, 1));
  // Keep clear of the minimap only while that costs no readability.
  const avoidInset =
    fitZoom(insetHeight) >= Math.min(fitZoom(fullHeight), maxZoom) || fitZoom(insetHeight) >= minZoom;
  const height = avoidInset ? insetHeight : fullHeight;
  const zoom = Math.min(maxZoom, Math.max(minZoom, fitZoom(height)));
  const place = (start: number, size: number, room: number) =>
    size * zoom <= room ? padding + (room - size * zoom) / 2 - start * zoom : padding - start * zoom;
  return {
    x: place(bounds.x, bounds.width, width),
    y: place(bounds.y, bounds.height, height),
    zoom,
  };
}
