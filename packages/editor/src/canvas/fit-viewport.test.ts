import { describe, expect, it } from 'vitest';
import { READABLE_FIT, readableViewport, WHOLE_FIT } from './fit-viewport.ts';

// The canvas of a 1440×900 window between palette, inspector, toolbar and run panel.
const canvas = { width: 824, height: 628 };

describe('readableViewport', () => {
  it('opens a flow too wide to read whole on its beginning, at a readable zoom', () => {
    // 17 nodes in a row: 2,820 × 680 px.
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
    const viewport = readableViewport({ x: -50, y: -20, width: 2340, height: 40_000 }, canvas);
    expect(viewport).toEqual({
      zoom: READABLE_FIT.minZoom,
      x: READABLE_FIT.padding + 50 * READABLE_FIT.minZoom,
      y: READABLE_FIT.padding + 20 * READABLE_FIT.minZoom,
    });
  });

  it('opens the order-card example (26 nodes laid out by stage) whole, at a readable zoom', () => {
    // Its bounds on the canvas: six columns of 220 px cards, three stages of rows.
    const viewport = readableViewport({ x: 0, y: 0, width: 1470, height: 987 }, canvas, READABLE_FIT);
    expect(viewport.zoom).toBeGreaterThanOrEqual(READABLE_FIT.minZoom);
    expect(viewport.x).toBeGreaterThanOrEqual(READABLE_FIT.padding - 0.001);
    expect(1470 * viewport.zoom + viewport.x).toBeLessThanOrEqual(
      canvas.width - READABLE_FIT.padding + 0.001,
    );
  });
});

describe('WHOLE_FIT (the Fit button)', () => {
  it.each([
    ['a 17-node row', { x: 0, y: -200, width: 2820, height: 680 }],
    ['a 1,000-node flow', { x: -50, y: -20, width: 26_000, height: 9_000 }],
    ['a very tall flow', { x: 0, y: 0, width: 1340, height: 40_000 }],
  ])('shows every node of %s', (_, bounds) => {
    const viewport = readableViewport(bounds, canvas, { ...WHOLE_FIT, bottomInset: 140 });
    const left = bounds.x * viewport.zoom + viewport.x;
    const top = bounds.y * viewport.zoom + viewport.y;
    expect(left).toBeGreaterThanOrEqual(WHOLE_FIT.padding - 0.001);
    expect(top).toBeGreaterThanOrEqual(WHOLE_FIT.padding - 0.001);
    expect(left + bounds.width * viewport.zoom).toBeLessThanOrEqual(canvas.width - WHOLE_FIT.padding + 0.001);
    expect(top + bounds.height * viewport.zoom).toBeLessThanOrEqual(
      canvas.height - WHOLE_FIT.padding + 0.001,
    );
  });
});
