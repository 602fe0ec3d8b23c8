import { useMemo, useState } from 'react';
import { useEditorState } from '../app/editor-context.ts';
import { type DanglingEnd, quickAddCandidates } from '../document/quick-add.ts';
import { useT } from '../i18n/useT.ts';
import { selectCatalogue } from '../store/selectors.ts';

/** Props of {@link QuickAddPalette}. */
export interface QuickAddPaletteProps {
  /** Where to show it, in pixels relative to the canvas. */
  at: { x: number; y: number };
  end: DanglingEnd;
  onPick(type: string): void;
  onClose(): void;
}

/**
 * The small searchable palette that opens where a connection was dropped on empty canvas: type to
 * filter, arrows to move, Enter to add the node there, already connected; Escape or a click away closes.
 */
export function QuickAddPalette({ at, end, onPick, onClose }: QuickAddPaletteProps) {
  const { t } = useT();
  const catalogue = useEditorState(selectCatalogue);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const candidates = useMemo(
    () => quickAddCandidates(catalogue.types.latest.values(), end.side, query),
    [catalogue.types, end.side, query],
  );
  const current = Math.min(active, candidates.length - 1);
  return (
    <div
      className="jx-quick-add nokey"
      style={{ left: at.x, top: at.y }}
      role="dialog"
      aria-label={t('quickAddPalette.addAConnectedNode')}
      data-testid="quick-add"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onClose();
      }}
    >
      <input
        // biome-ignore lint/a11y/noAutofocus: the palette opens because the user wants to type a node name
        autoFocus
        type="search"
        className="jx-quick-add-search"
        placeholder={t(end.side === 'source' ? 'quickAdd.after' : 'quickAdd.before')}
        aria-label={t('quickAddPalette.searchNodeTypes')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          else if (e.key === 'ArrowDown') setActive(Math.min(current + 1, candidates.length - 1));
          else if (e.key === 'ArrowUp') setActive(Math.max(current - 1, 0));
          else if (e.key === 'Enter' && candidates[current]) onPick(candidates[current].type);
          else return;
          e.preventDefault();
        }}
      />
      <ul aria-label={t('quickAddPalette.nodeTypes')}>
        {candidates.length === 0 && <li className="jx-muted">{t('quickAddPalette.noNodeMatches')}</li>}
        {candidates.map((type, i) => (
          <li key={type.type}>
            <button
              type="button"
              className={i === current ? 'is-active' : ''}
              aria-current={i === current}
              onMouseEnter={() => setActive(i)}
              onClick={() => onPick(type.type)}
              data-testid={`quick-add-${type.type}`}
            >
              <span className={`jx-palette-icon category-${type.category}`} aria-hidden>
                {type.icon ?? '◆'}
              </span>
              <span className="jx-quick-add-text">
                <strong>{type.title}</strong>
                <small>{type.type}</small>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
