import { type PointerEvent, useRef } from 'react';

/** Props of {@link Splitter}. */
export interface SplitterProps {
  /** `vertical` splits columns (drag left/right), `horizontal` splits rows. */
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right/down grows the panel, −1 when it shrinks it. */
  direction: 1 | -1;
  label: string;
  onChange(value: number): void;
}

/** A draggable divider that resizes the panel next to it; arrow keys resize too. */
export function Splitter({ orientation, value, min, max, direction, label, onChange }: SplitterProps) {
  const start = useRef<{ pointer: number; value: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const coordinate = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable splitter is the ARIA pattern for resizable panes
    <div
      className={`jx-splitter is-${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { pointer: coordinate(e), value };
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        onChange(clamp(start.current.value + (coordinate(e) - start.current.pointer) * direction));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        const grow = orientation === 'vertical' ? ['ArrowRight', 'ArrowLeft'] : ['ArrowDown', 'ArrowUp'];
        if (e.key === grow[0]) onChange(clamp(value + step * direction));
        if (e.key === grow[1]) onChange(clamp(value - step * direction));
      }}
    />
  );
}
