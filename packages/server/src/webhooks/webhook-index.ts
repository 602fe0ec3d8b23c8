import type { FlowNode, Json } from '@junction/runtime';
import type { DeployedDocument } from '../deploy/deployed-documents.ts';
import { DEFAULT_ENVIRONMENT } from '../environments/environment-names.ts';

/** A webhook trigger's settings with defaults applied (mirrors the node's `webhookSettings`). */
export interface WebhookSettings {
  method: string;
  path: string;
  verification: 'none' | 'hmac-header' | 'signature';
  responseMode: 'immediately' | 'onFinish' | 'respondNode';
  responseStatus: number;
  responseBody: Json;
  /** `=` + JSONata over the request, or a header name; unset = every request starts a run. */
  idempotencyKey?: string;
  /** The trigger's own rate limits; fields left out use the server's defaults. */
  rateLimit: TriggerRateLimit;
}

/** A webhook trigger's `rateLimit` config: requests per window, `0` = no limit. */
export interface TriggerRateLimit {
  perClient?: number;
  perFlow?: number;
  windowSeconds?: number;
}

/** The integer fields of a trigger's `rateLimit`; anything else (e.g. an expression) is left to the defaults. */
function rateLimitOf(value: Json | undefined): TriggerRateLimit {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const limit: TriggerRateLimit = {};
  for (const field of ['perClient', 'perFlow', 'windowSeconds'] as const) {
    const n = value[field];
    if (typeof n === 'number' && Number.isInteger(n) && n >= (field === 'windowSeconds' ? 1 : 0))
      limit[field] = n;
  }
  return limit;
}

/** A deployed webhook trigger. */
export interface WebhookEntry {
  flowId: string;
  /** The environment whose deployment this trigger belongs to. */
  environment: string;
  node: FlowNode;
  settings: WebhookSettings;
}

/** Defaults of `trigger.webhook` v1. */
export function webhookSettingsOf(config: Record<string, Json>): WebhookSettings {
  const c = config as Partial<WebhookSettings>;
  return {
    method: (c.method ?? 'POST').toUpperCase(),
    path: String(c.path ?? '').replace(/^\/+|\/+$/g, ''),
    verification: c.verification ?? 'none',
    responseMode: c.responseMode ?? 'immediately',
    responseStatus: c.responseStatus ?? 200,
    responseBody: c.responseBody === undefined ? { received: true } : c.responseBody,
    ...(typeof c.idempotencyKey === 'string' && c.idempotencyKey !== ''
      ? { idempotencyKey: c.idempotencyKey }
      : {}),
    rateLimit: rateLimitOf(config.rateLimit),
  };
}

function pathKey(environment: string, path: string): string {
  return `${environment}\u0000${path.replace(/^\/+|\/+$/g, '')}`;
}

/**
 * (Environment, path) → webhook triggers of deployed flows. The main version's trigger decides routing and
 * verification; the canary version is chosen afterwards, per request.
 */
export class WebhookIndex {
  #paths = new Map<string, WebhookEntry[]>();

  /** Rebuilds from the deployed documents (main versions only). */
  rebuild(documents: DeployedDocument[]): void {
    const paths = new Map<string, WebhookEntry[]>();
    for (const { flowId, document, canary, environment = DEFAULT_ENVIRONMENT } of documents) {
      if (canary) continue;
      for (const node of document.nodes) {
        if (node.type !== 'trigger.webhook' || node.disabled) continue;
        const settings = webhookSettingsOf(node.config);
        const key = pathKey(environment, settings.path);
        const list = paths.get(key) ?? [];
        list.push({ flowId, environment, node, settings });
        paths.set(key, list);
      }
    }
    this.#paths = paths;
  }

  /**
   * The trigger for a path and method in an environment (default: production); `methodMismatch`
   * when only other methods are served there.
   */
  match(
    path: string,
    method: string,
    environment = DEFAULT_ENVIRONMENT,
  ): { entry?: WebhookEntry; methodMismatch: boolean } {
    const list = this.#paths.get(pathKey(environment, path)) ?? [];
    const entry = list.find((e) => e.settings.method === 'ANY' || e.settings.method === method.toUpperCase());
    return { entry, methodMismatch: !entry && list.length > 0 };
  }
}

/**
 * Which environment a `/hooks/*` path addresses: `<env>/<path>` when its first segment names an
 * environment that serves that path, else the whole path in the default environment (so a
 * production trigger whose own path happens to start with an environment name keeps working).
 */
export function matchWebhookPath(
  index: WebhookIndex,
  environments: readonly string[],
  path: string,
  method: string,
): { entry?: WebhookEntry; methodMismatch: boolean; path: string } {
  const trimmed = path.replace(/^\/+/, '');
  const slash = trimmed.indexOf('/');
  const first = slash > 0 ? trimmed.slice(0, slash) : '';
  if (first && environments.includes(first)) {
    const rest = trimmed.slice(slash + 1);
    const found = index.match(rest, method, first);
    if (found.entry || found.methodMismatch) return { ...found, path: rest };
  }
  return { ...index.match(trimmed, method), path: trimmed };
}
