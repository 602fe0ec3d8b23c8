import type { NodeTypeDefinition } from '@junction/runtime';
import { callNode } from '../control/call/v1.ts';
import { delayNode } from '../control/delay/v1.ts';
import { failNode } from '../control/fail/v1.ts';
import { forEachNode } from '../control/for-each/v1.ts';
import { ifNode } from '../control/if/v1.ts';
import { mergeNode } from '../control/merge/v1.ts';
import { mergeNodeV2 } from '../control/merge/v2.ts';
import { pollNode } from '../control/poll/v1.ts';
import { respondNode } from '../control/respond/v1.ts';
import { switchNode } from '../control/switch/v1.ts';
import { mapNode } from '../transform/map/v1.ts';
import { setNode } from '../transform/set/v1.ts';
import { manualTrigger } from '../triggers/manual/v1.ts';
import { scheduleTrigger } from '../triggers/schedule/v1.ts';
import { webhookTrigger } from '../triggers/webhook/v1.ts';
import { cacheNode } from '../utility/cache/v1.ts';
import { debugLogNode } from '../utility/debug-log/v1.ts';
import { rateLimitNode } from '../utility/rate-limit/v1.ts';

/** Triggers, transform, control flow and utility node types (every version). */
// biome-ignore lint/suspicious/noExplicitAny: each definition keeps its own config type
export const controlNodes: NodeTypeDefinition<any>[] = [
  manualTrigger,
  webhookTrigger,
  scheduleTrigger,
  mapNode,
  setNode,
  ifNode,
  switchNode,
  mergeNode,
  mergeNodeV2,
  forEachNode,
  callNode,
  delayNode,
  pollNode,
  respondNode,
  failNode,
  debugLogNode,
  cacheNode,
  rateLimitNode,
];
