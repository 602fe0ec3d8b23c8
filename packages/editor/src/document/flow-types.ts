// Re-exports the runtime's document types from its browser-safe entry.
export type {
  FlowDocument,
  FlowEdge,
  FlowNode,
  FlowSettings,
  Json,
  JsonObject,
  JsonSchema,
  NodeExpressionLimits,
  NodeTypeDescriptor,
  OnError,
  PortRef,
  RetryPolicy,
} from '@junction/runtime/browser';

/** A sticky note kept in `annotations.notes`; the runtime ignores it. */
export interface StickyNote {
  id: string;
  text: string;
  position: { x: number; y: number };
  size: { width: number; height: number };
  color?: 'yellow' | 'blue' | 'green' | 'pink';
}
