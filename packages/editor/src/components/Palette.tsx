import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import type { NodeTypeDescriptor } from '../document/flow-types.ts';
import { matchesNodeType } from '../document/quick-add.ts';
import { useT } from '../i18n/useT.ts';
import { selectCatalogue } from '../store/selectors.ts';
import { PALETTE_MIME } from './Canvas.tsx';

const CATEGORY_ORDER = ['trigger', 'integration', 'transform', 'control', 'callback', 'code', 'utility'];

function rank(category: string): number {
  const index = CATEGORY_ORDER.indexOf(category);
  return index < 0 ? CATEGORY_ORDER.length : index;
}

/** The node palette: grouped by category, searchable; drag onto the canvas or double-click to add. */
export function Palette() {
  const translator = useT();
  const { t } = translator;
  const { commands } = useEditor();
  const catalogue = useEditorState(selectCatalogue);
  const flow = useReactFlow();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const list = [...catalogue.types.latest.values()].filter((t) => matchesNodeType(t, query));
    const byCategory = new Map<string, NodeTypeDescriptor[]>();
    for (const type of list) byCategory.set(type.category, [...(byCategory.get(type.category) ?? []), type]);
    return [...byCategory.entries()]
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([category, types]) => ({
        category,
        types: types.sort((a, b) => a.title.localeCompare(b.title)),
      }));
  }, [catalogue.types, query]);

  const addAtCentre = (type: string) => {
    const canvas = document.querySelector('.jx-canvas')?.getBoundingClientRect();
    const centre = canvas
      ? flow.screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 })
      : { x: 0, y: 0 };
    // Nudge by the node count so repeated double-clicks do not stack nodes exactly on top of each other.
    const offset = (flow.getNodes().length % 6) * 24;
    commands.addNode(type, { x: centre.x - 110 + offset, y: centre.y - 30 + offset });
  };

  return (
    <aside className="jx-palette nokey" aria-label={t('palette.nodePalette')}>
      <input
        className="jx-search"
        type="search"
        placeholder={t('palette.searchNodes')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = groups[0]?.types[0];
          if (e.key === 'Enter' && first) addAtCentre(first.type);
        }}
        aria-label={t('palette.searchNodes2')}
      />
      <div className="jx-palette-list">
        {groups.length === 0 && (
          <p className="jx-muted">
            {catalogue.nodeTypes.length ? t('palette.noNodeMatches') : t('palette.loadingNodeTypes')}
          </p>
        )}
        {groups.map(({ category, types }) => (
          <section key={category}>
            <h3>{translator.lookup(`category.${category}`) ?? category}</h3>
            {types.map((type) => (
              <button
                type="button"
                key={type.type}
                className="jx-palette-item"
                draggable
                data-type={type.type}
                data-testid={`palette-${type.type}`}
                title={`${type.description}\nDrag onto the canvas or double-click to add.`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, type.type);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onDoubleClick={() => addAtCentre(type.type)}
                onKeyDown={(e) => e.key === 'Enter' && addAtCentre(type.type)}
              >
                <span className={`jx-palette-icon category-${type.category}`} aria-hidden>
                  {type.icon ?? '◆'}
                </span>
                <span className="jx-palette-text">
                  <strong>{type.title}</strong>
                  <small>{type.description}</small>
                </span>
              </button>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
