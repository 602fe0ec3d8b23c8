import {
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type Node,
  type NodeChange,
  Panel,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { createViewDeriver, NOTE_PREFIX } from '../canvas/derive-view.ts';
import { CANVAS_MIN_ZOOM, READABLE_FIT } from '../canvas/fit-viewport.ts';
import { NODE_WIDTH } from '../canvas/node-size.ts';
import { checkConnection } from '../document/connect.ts';
import { nodeDescriber } from '../document/node-types.ts';
import { notesOf } from '../document/operations.ts';
import type { DanglingEnd } from '../document/quick-add.ts';
import { explainRefusedDrop } from '../document/refused-drop.ts';
import { useFitView } from '../hooks/useFitView.ts';
import { useTestFailures } from '../hooks/useTestFailures.ts';
import { useT } from '../i18n/useT.ts';
import {
  selectCatalogue,
  selectDocument,
  selectPorts,
  selectProblems,
  selectRun,
  selectSelection,
  selectUi,
  selectViewEpoch,
} from '../store/selectors.ts';
import { FlowNodeCard, type FlowNodeData } from './FlowNodeCard.tsx';
import { QuickAddPalette } from './QuickAddPalette.tsx';
import { StartPanel } from './StartPanel.tsx';
import { StickyNoteCard } from './StickyNoteCard.tsx';

const NODE_TYPES = { flow: FlowNodeCard, note: StickyNoteCard };
const CATEGORY_COLORS: Record<string, string> = {
  trigger: '#f59e0b',
  integration: '#3b82f6',
  transform: '#10b981',
  control: '#8b5cf6',
  callback: '#06b6d4',
  code: '#64748b',
  utility: '#eab308',
};

/** Minimap colour: failures and problems stand out, otherwise the node's category. */
function minimapColor(node: Node): string {
  if (node.type === 'note') return '#fde68a';
  const data = node.data as FlowNodeData;
  if (data.status === 'failed' || data.problemCount || data.testFailureCount) return '#ef4444';
  return CATEGORY_COLORS[data.descriptor?.category ?? ''] ?? '#94a3b8';
}

/** Smaller than React Flow's default (200 × 150), so it covers less of the canvas; see MINIMAP_INSET. */
const MINIMAP_SIZE = { width: 168, height: 96 };

/** MIME type of a palette drag. */
export const PALETTE_MIME = 'application/x-junction-node-type';

/** The canvas: a React Flow view of the document; every change goes back as an operation. */
export function Canvas() {
  const { store, commands } = useEditor();
  const document = useEditorState(selectDocument);
  const catalogue = useEditorState(selectCatalogue);
  const selection = useEditorState(selectSelection);
  const run = useEditorState(selectRun);
  const problems = useEditorState(selectProblems);
  const ports = useEditorState(selectPorts);
  const ui = useEditorState(selectUi);
  const testFailures = useTestFailures();
  const { t } = useT();
  const flow = useReactFlow();
  const fit = useFitView();
  const derive = useMemo(() => createViewDeriver(), []);
  const [nodes, setNodes] = useState<Node[]>([]);
  const [hint, setHint] = useState<string | null>(null);
  const [quickAdd, setQuickAdd] = useState<{
    at: { x: number; y: number };
    flowAt: { x: number; y: number };
    end: DanglingEnd;
  } | null>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const hintRef = useRef<string | null>(null);

  const [edges, setEdges] = useState<Edge[]>([]);
  const nodesRef = useRef<Node[]>(nodes);
  nodesRef.current = nodes;
  useEffect(() => {
    const previous = new Map(nodesRef.current.map((n) => [n.id, n]));
    const derived = derive(
      { document, types: catalogue.types, selection, run, problems, ports, testFailures },
      previous,
    );
    setNodes(derived.nodes);
    setEdges(derived.edges);
  }, [derive, document, catalogue.types, selection, run, problems, ports, testFailures]);

  // Fit once per newly shown document (opened or imported), never when the user adds the first node.
  const viewEpoch = useEditorState(selectViewEpoch);
  const fitted = useRef(-1);
  useEffect(() => {
    if (fitted.current === viewEpoch) return;
    if (!document.nodes.length) {
      // An empty flow: nothing to fit, and the first node the user drops must stay where it fell.
      fitted.current = viewEpoch;
      return;
    }
    if (!nodes.length) return;
    fitted.current = viewEpoch;
    // Opened whole when that stays readable; a flow too large for that (the 1,000-node one) shows its
    // beginning at a readable zoom instead of every node at a tiny one. Fit then shows every node.
    fit(0, READABLE_FIT);
  }, [viewEpoch, document.nodes.length, nodes, fit]);

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const selects = changes.filter((c) => c.type === 'select');
      if (selects.length) {
        const current = store.getState().selection;
        const nodesSel = new Set(current.nodes);
        const notesSel = new Set(current.notes);
        for (const change of selects) {
          const isNote = change.id.startsWith(NOTE_PREFIX);
          const set = isNote ? notesSel : nodesSel;
          const id = isNote ? change.id.slice(NOTE_PREFIX.length) : change.id;
          if (change.selected) set.add(id);
          else set.delete(id);
        }
        store.getState().select({ nodes: [...nodesSel], notes: [...notesSel] });
      }
      const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
      if (local.length) setNodes((prev) => applyNodeChanges(local, prev));
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const selects = changes.filter((c) => c.type === 'select');
      if (!selects.length) return;
      const edgesSel = new Set(store.getState().selection.edges);
      for (const change of selects) {
        if (change.selected) edgesSel.add(change.id);
        else edgesSel.delete(change.id);
      }
      store.getState().select({ edges: [...edgesSel] });
    },
    [store],
  );

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: Node, dragged: Node[]) => {
      const positions: Record<string, { x: number; y: number }> = {};
      const movedNotes = new Map<string, { x: number; y: number }>();
      for (const n of dragged) {
        if (n.id.startsWith(NOTE_PREFIX)) movedNotes.set(n.id.slice(NOTE_PREFIX.length), n.position);
        else positions[n.id] = n.position;
      }
      const ops = [];
      if (Object.keys(positions).length) ops.push({ kind: 'moveNodes' as const, positions });
      if (movedNotes.size) {
        const notes = notesOf(store.getState().document).map((note) => {
          const p = movedNotes.get(note.id);
          return p ? { ...note, position: { x: Math.round(p.x), y: Math.round(p.y) } } : note;
        });
        ops.push({ kind: 'setNotes' as const, notes });
      }
      const count = dragged.length;
      store.getState().dispatch(ops, `Move ${count} item${count === 1 ? '' : 's'}`);
    },
    [store],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const verdict = checkConnection(
        store.getState().document,
        { node: connection.source, port: connection.sourceHandle ?? 'out' },
        { node: connection.target, port: connection.targetHandle ?? 'in' },
        nodeDescriber(store.getState().catalogue.types),
        store.getState().ports,
      );
      const reason = verdict.ok ? null : verdict.reason;
      if (reason !== hintRef.current) {
        hintRef.current = reason;
        setHint(reason);
      }
      return verdict.ok;
    },
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      hintRef.current = null;
      setHint(null);
      commands.connect(
        { node: connection.source, port: connection.sourceHandle ?? 'out' },
        { node: connection.target, port: connection.targetHandle ?? 'in' },
      );
    },
    [commands],
  );

  // React Flow refuses output → output, input → input and drops on a node's body (a trigger) by
  // itself, without asking isValidConnection, so those reasons are worked out here from the drop.
  const refusedDropReason = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState): string | null => {
      const { fromHandle, toHandle } = connection;
      if (!fromHandle) return null;
      const end = (handle: NonNullable<typeof fromHandle>): DanglingEnd => ({
        node: handle.nodeId,
        port: handle.id ?? (handle.type === 'source' ? 'out' : 'in'),
        side: handle.type,
      });
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const over = window.document
        .elementFromPoint(point.clientX, point.clientY)
        ?.closest('.react-flow__node')
        ?.getAttribute('data-id');
      const state = store.getState();
      const verdict = explainRefusedDrop(
        state.document,
        end(fromHandle),
        toHandle ? end(toHandle) : null,
        over && !over.startsWith(NOTE_PREFIX) ? over : null,
        nodeDescriber(state.catalogue.types),
        state.ports,
      );
      return verdict.ok ? null : verdict.reason;
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      // The drop was refused: keep the reason on screen as a notice instead of a silent snap-back.
      // Worked out again from the drop itself: the hint may be left from a port hovered on the way.
      const refusal = connection.isValid ? null : refusedDropReason(event, connection);
      if (refusal) store.getState().notify('error', refusal, 'JX_EDITOR_CONNECTION_REFUSED');
      hintRef.current = null;
      setHint(null);
      // Dropped on empty canvas: offer the node types that fit right there, connected on pick.
      const onPane = (event.target as Element | null)?.classList?.contains('react-flow__pane');
      if (
        connection.isValid ||
        connection.toNode ||
        !onPane ||
        !connection.fromNode ||
        !connection.fromHandle
      )
        return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const box = canvasRef.current?.getBoundingClientRect();
      if (!box) return;
      setQuickAdd({
        // Kept inside the canvas so the list is never cut off at the right or bottom edge.
        at: {
          x: Math.max(8, Math.min(point.clientX - box.left, box.width - 270)),
          y: Math.max(8, Math.min(point.clientY - box.top, box.height - 340)),
        },
        flowAt: flow.screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        end: {
          node: connection.fromNode.id,
          port: connection.fromHandle.id ?? (connection.fromHandle.type === 'source' ? 'out' : 'in'),
          side: connection.fromHandle.type,
        },
      });
    },
    [store, flow, refusedDropReason],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type) return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      commands.addNode(type, { x: position.x - 110, y: position.y - 30 });
    },
    [commands, flow],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the canvas is a drop target for palette drags; the palette itself is keyboard-usable
    <div className="jx-canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas" ref={canvasRef}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={() => store.getState().select({ nodes: [], edges: [], notes: [] })}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionOnDrag={false}
        colorMode={ui.theme}
        onlyRenderVisibleElements={document.nodes.length > 200}
        minZoom={CANVAS_MIN_ZOOM}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        {!ui.minimapHidden && document.nodes.length > 0 && (
          <MiniMap
            pannable
            zoomable
            nodeStrokeWidth={3}
            nodeColor={minimapColor}
            className="jx-minimap"
            style={{ width: MINIMAP_SIZE.width, height: MINIMAP_SIZE.height }}
          />
        )}
        <Panel
          position="bottom-right"
          className="jx-minimap-toggle-panel"
          // Sits just above the minimap, or in its corner while it is hidden.
          style={{ marginBottom: ui.minimapHidden ? 15 : 15 + MINIMAP_SIZE.height + 6 }}
        >
          <button
            type="button"
            className="jx-minimap-toggle"
            data-testid="minimap-toggle"
            aria-pressed={!ui.minimapHidden}
            title={t(ui.minimapHidden ? 'canvas.showMinimap' : 'canvas.hideMinimap')}
            onClick={() => store.getState().setUi({ minimapHidden: !ui.minimapHidden })}
          >
            {t(ui.minimapHidden ? 'canvas.showMap' : 'canvas.hideMap')}
          </button>
        </Panel>
        <Controls showInteractive={false} />
        {hint && (
          <Panel position="top-center" className="jx-connect-hint" data-testid="connect-hint">
            {hint}
          </Panel>
        )}
        {document.nodes.length === 0 && (
          <Panel position="top-center" className="jx-empty-hint">
            <StartPanel />
          </Panel>
        )}
      </ReactFlow>
      {quickAdd && (
        <QuickAddPalette
          at={quickAdd.at}
          end={quickAdd.end}
          onClose={() => setQuickAdd(null)}
          onPick={(type) => {
            // Inputs sit on the left edge: place the node so the new edge runs straight to the drop point.
            const { flowAt, end } = quickAdd;
            const x = end.side === 'source' ? flowAt.x : flowAt.x - NODE_WIDTH;
            commands.addConnectedNode(type, { x, y: flowAt.y - 30 }, end);
            setQuickAdd(null);
          }}
        />
      )}
    </div>
  );
}
