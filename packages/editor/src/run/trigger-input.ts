import type { FlowDocument, FlowNode, Json } from '../document/flow-types.ts';
import { describeNode, type NodeTypeIndex } from '../document/node-types.ts';
import { translator } from '../i18n/i18n.ts';

/** What a test run's input means for the flow's trigger, so the run panel can explain it. */
export interface TriggerInputGuide {
  /** `webhook` wraps a plain body into a request; `none` means the flow cannot start yet. */
  kind: 'webhook' | 'manual' | 'other' | 'none';
  /** The trigger node a test run starts at. */
  node?: FlowNode;
  /** Pre-filled when the author has typed no test input for this flow. */
  example?: Json;
  /** The example comes from the trigger's config (not only defaults), so it can shape completion. */
  exampleConfigured?: boolean;
  /** One or two sentences on the shape the trigger expects. */
  hint: string;
}

/** What a test run sends, and whether the typed input was wrapped into a webhook request. */
export interface TestRunInput {
  input: Json | undefined;
  wrapped: boolean;
}

type JsonRecord = { [key: string]: Json };

const REQUEST_KEYS = new Set(['method', 'path', 'headers', 'query', 'body']);

const isRecord = (value: unknown): value is JsonRecord =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The trigger a test run starts at: the first enabled trigger node in document order (as the engine picks). */
export function triggerNodeOf(document: FlowDocument, types: NodeTypeIndex): FlowNode | undefined {
  const isTrigger = (node: FlowNode) =>
    describeNode(types, node)?.trigger ?? node.type.startsWith('trigger.');
  return document.nodes.find((node) => !node.disabled && isTrigger(node));
}

/**
 * True when `value` already is a webhook request (`{method?, path?, headers?, query?, body?}` with at
 * least a body, headers or query) rather than a bare body. A body that happens to have a `body` key
 * next to other keys stays a body.
 */
export function isWebhookRequest(value: Json | undefined): boolean {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.every((key) => REQUEST_KEYS.has(key)) && ['body', 'headers', 'query'].some((key) => key in value)
  );
}

/** The request a webhook trigger's test run receives when the author typed nothing: its `exampleRequest`. */
export function exampleWebhookRequest(config: JsonRecord): JsonRecord {
  const example = isRecord(config.exampleRequest) ? config.exampleRequest : {};
  const configured = typeof config.method === 'string' && config.method !== 'ANY' ? config.method : 'POST';
  return {
    method: typeof example.method === 'string' ? example.method : configured,
    path: typeof config.path === 'string' ? config.path.replace(/^\/+/, '') : '',
    headers: isRecord(example.headers) ? example.headers : {},
    query: isRecord(example.query) ? example.query : {},
    body: example.body ?? null,
  };
}

const shape = (request: JsonRecord) =>
  `{"method": ${JSON.stringify(request.method)}, "path": ${JSON.stringify(request.path)}, "headers": {…}, "query": {…}, "body": …}`;

/** Explains the test input for the flow's trigger and offers its example as the pre-filled input. */
export function triggerInputGuide(document: FlowDocument, types: NodeTypeIndex): TriggerInputGuide {
  const node = triggerNodeOf(document, types);
  if (!node) {
    return {
      kind: 'none',
      hint: translator().t('testInput.noTrigger'),
    };
  }
  const name = node.name ?? node.id;
  const config = (isRecord(node.config) ? node.config : {}) as JsonRecord;
  if (node.type === 'trigger.webhook') {
    const example = exampleWebhookRequest(config);
    return {
      kind: 'webhook',
      node,
      example,
      exampleConfigured: isRecord(config.exampleRequest),
      hint: translator().t('testInput.webhook', { name, shape: shape(example) }),
    };
  }
  if (node.type === 'trigger.manual') {
    return {
      kind: 'manual',
      node,
      ...(isRecord(config.exampleInput) && { example: config.exampleInput, exampleConfigured: true }),
      hint: translator().t('testInput.manual', { name }),
    };
  }
  return { kind: 'other', node, hint: translator().t('testInput.other', { name }) };
}

/**
 * The input a test run sends: what the author typed (or the trigger's example when nothing was
 * typed); for a webhook flow a bare body is wrapped into the request the trigger expects.
 */
export function testRunInput(guide: TriggerInputGuide, typed: Json | undefined): TestRunInput {
  const value = typed ?? guide.example;
  if (guide.kind !== 'webhook' || isWebhookRequest(value)) return { input: value, wrapped: false };
  const request = (guide.example ?? {}) as JsonRecord;
  return { input: { ...request, body: value ?? null }, wrapped: true };
}
