import { type Node, type NodeProps, NodeResizer } from '@xyflow/react';
import { memo, useState } from 'react';
import { useEditor } from '../app/editor-context.ts';
import type { StickyNote } from '../document/flow-types.ts';
import { useT } from '../i18n/useT.ts';

/** A sticky note on the canvas. Its id on the canvas is `note:<id>`. */
export type StickyNoteView = Node<{ note: StickyNote }, 'note'>;

function StickyNoteCardImpl({ data, selected }: NodeProps<StickyNoteView>) {
  const { t } = useT();
  const { commands } = useEditor();
  const { note } = data;
  const [editing, setEditing] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: double-click to edit, as on the canvas; keyboard users edit notes after selecting them
    <div
      className={`jx-note color-${note.color ?? 'yellow'}`}
      onDoubleClick={() => setEditing(true)}
      data-testid="sticky-note"
    >
      <NodeResizer
        isVisible={selected}
        minWidth={120}
        minHeight={60}
        onResizeEnd={(_event, size) =>
          commands.updateNote(note.id, {
            size: { width: Math.round(size.width), height: Math.round(size.height) },
            position: { x: Math.round(size.x), y: Math.round(size.y) },
          })
        }
      />
      {editing ? (
        <textarea
          className="nodrag nowheel"
          // biome-ignore lint/a11y/noAutofocus: the user asked to edit this note
          autoFocus
          defaultValue={note.text}
          aria-label={t('stickyNoteCard.noteText')}
          onBlur={(event) => {
            setEditing(false);
            if (event.target.value !== note.text) commands.updateNote(note.id, { text: event.target.value });
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
        />
      ) : (
        <div className="jx-note-text">{note.text}</div>
      )}
    </div>
  );
}

/** Renders a sticky note: double-click to edit, drag handles to resize when selected. */
export const StickyNoteCard = memo(StickyNoteCardImpl);
