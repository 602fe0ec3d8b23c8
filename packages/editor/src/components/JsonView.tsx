import { useState } from 'react';

/** Props of {@link JsonView}. */
export interface JsonViewProps {
  value: unknown;
  /** Levels open at first. */
  openDepth?: number;
  label?: string;
}

function preview(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).length}}`;
  return JSON.stringify(value) ?? 'undefined';
}

function JsonNode({
  name,
  value,
  depth,
  openDepth,
}: {
  name?: string;
  value: unknown;
  depth: number;
  openDepth: number;
}) {
  const composite = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < openDepth);
  const key = name !== undefined && <span className="jx-json-key">{name}: </span>;
  if (!composite) {
    const type = value === null ? 'null' : typeof value;
    return (
      <div className="jx-json-row">
        {key}
        <span className={`jx-json-${type}`}>{JSON.stringify(value) ?? 'undefined'}</span>
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as object);
  return (
    <div className="jx-json-row">
      <button type="button" className="jx-json-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? '▾' : '▸'} {key}
        {!open && <span className="jx-muted">{preview(value)}</span>}
        {open && <span className="jx-muted">{Array.isArray(value) ? '[' : '{'}</span>}
      </button>
      {open && (
        <div className="jx-json-children">
          {entries.map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
        </div>
      )}
      {open && <span className="jx-muted">{Array.isArray(value) ? ']' : '}'}</span>}
    </div>
  );
}

/** A collapsible, read-only JSON tree. */
export function JsonView({ value, openDepth = 2, label }: JsonViewProps) {
  return (
    <section className="jx-json" aria-label={label}>
      <JsonNode value={value} depth={0} openDepth={openDepth} />
    </section>
  );
}
