// Re-exports the runtime's document types (types only: the runtime's main entry is not browser-safe).
export type {
  FlowDocument,
  FlowEdge,
  FlowNode,
  FlowSettings,
  Json,
  JsonObject,
  JsonSchema,
  NodeTypeDescriptor,
  OnError,
  PortRef,
  RetryPolicy,
} from '@junction/runtime';

/** A sticky note kept in `annotations.notes`; the runtime ignores it. */
export interface StickyNote {
  id: string;
  text: string;
  position: { x: number; y: number };
  size: { width: number; height: number };
  color?: 'yellow' | 'blue' | 'green' | 'pink';
}
