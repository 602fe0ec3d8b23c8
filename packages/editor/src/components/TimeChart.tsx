import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartSpec, pointsWithData } from '../metrics/chart-specs.ts';

const HEIGHT = 170;

/** One uPlot line chart over time (canvas), rebuilt when its spec changes and resized with its box. */
export function TimeChart({ spec }: { spec: ChartSpec }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // Axis text follows the theme: uPlot draws on a canvas, which CSS colours cannot reach.
    const ink = getComputedStyle(element).color || '#555';
    const grid = { stroke: 'rgba(128,128,128,0.18)', width: 1 };
    const plot = new uPlot(
      {
        width: element.clientWidth || 480,
        height: HEIGHT,
        scales: { x: { time: true } },
        axes: [
          { stroke: ink, grid },
          { stroke: ink, grid, label: spec.unit, size: 50 },
        ],
        series: [
          {},
          ...spec.lines.map((line) => ({
            label: line.label,
            stroke: line.color,
            width: line.dashed ? 1.5 : 2,
            ...(line.dashed ? { dash: [5, 4] } : {}),
            points: { size: 4 },
          })),
        ],
      },
      [spec.x, ...spec.lines.map((line) => line.values)] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: element.clientWidth || 480, height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [spec]);
  return (
    <figure className="jx-chart" data-testid={`chart-${spec.id}`} data-points={pointsWithData(spec)}>
      <figcaption>{spec.title}</figcaption>
      <div ref={host} className="jx-chart-plot" />
    </figure>
  );
}
