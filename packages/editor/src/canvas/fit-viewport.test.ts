import { describe, expect, it } from 'vitest';
import { READABLE_FIT, readableViewport } from './fit-viewport.ts';

// The canvas of a 1440×900 window between palette, inspector, toolbar and run panel.
const canvas = { width: 824, height: 628 };

describe('readableViewport', () => {
  it('shows the beginning of a wide flow at a readable zoom instead of shrinking it to fit', () => {
    // The order-card example: 17 nodes over 2,820 × 680 px.
    const viewport = readableViewport({ x: 0, y: -200, width: 2820, height: 680 }, canvas);
    expect(viewport.zoom).toBe(READABLE_FIT.minZoom);
    // The trigger (left edge) sits at the padding; the flow is centred vertically.
    expect(viewport.x).toBe(READABLE_FIT.padding);
    const top = -200 * viewport.zoom + viewport.y;
    const bottom = 480 * viewport.zoom + viewport.y;
    expect(top - 0).toBeCloseTo(canvas.height - bottom, 5);
  });

  it('centres a small flow without blowing it up', () => {
    const viewport = readableViewport({ x: 100, y: 100, width: 300, height: 80 }, canvas);
    expect(viewport.zoom).toBe(1);
    expect(viewport.x + 100 + 150).toBeCloseTo(canvas.width / 2, 5);
    expect(viewport.y + 100 + 40).toBeCloseTo(canvas.height / 2, 5);
  });

  it('fits a medium flow whole, above the minimap', () => {
    const options = { ...READABLE_FIT, bottomInset: 130 };
    const viewport = readableViewport({ x: 0, y: 0, width: 700, height: 500 }, canvas, options);
    expect(viewport.zoom).toBeGreaterThanOrEqual(READABLE_FIT.minZoom);
    expect(viewport.zoom).toBeLessThan(1);
    const bottom = 500 * viewport.zoom + viewport.y;
    expect(bottom).toBeLessThanOrEqual(canvas.height - 130 - READABLE_FIT.padding + 0.001);
  });

  it('shows the top-left corner of a flow too large both ways', () => {
    const viewport = readableViewport({ x: -50, y: -20, width: 1340, height: 40_000 }, canvas);
    expect(viewport).toEqual({
      zoom: READABLE_FIT.minZoom,
      x: READABLE_FIT.padding + 50 * READABLE_FIT.minZoom,
      y: READABLE_FIT.padding + 20 * READABLE_FIT.minZoom,
    });
  });
});
