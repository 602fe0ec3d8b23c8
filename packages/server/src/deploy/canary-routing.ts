import { createHash } from 'node:crypto';
import type { Json } from '@junction/runtime';
import jsonata from 'jsonata';
import type { CanaryConfig, Deployment } from './deployment-repository.ts';

/**
 * Maps a routing key to a bucket in [0, 100): the first 32 bits of its SHA-256, scaled. The same key
 * always lands in the same bucket, on every server and after restarts, so one customer sees one version.
 */
export function routingBucket(key: string): number {
  const hash = createHash('sha256').update(key).digest();
  return (hash.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

/** The version a trigger payload runs on, and whether that is the canary. */
export interface RouteDecision {
  version: number;
  canary: boolean;
  routingKey: string;
}

const compiled = new Map<string, ReturnType<typeof jsonata>>();

async function evaluate(expression: string, payload: Json): Promise<unknown> {
  const source = expression.startsWith('=') ? expression.slice(1) : expression;
  let expr = compiled.get(source);
  if (!expr) {
    expr = jsonata(source);
    compiled.set(source, expr);
  }
  return expr.evaluate(payload);
}

/** Told when a canary expression fails for a payload (the run then goes to the main version). */
export type RoutingFailure = (error: unknown, canary: CanaryConfig) => void;

/**
 * Picks the version for one run.
 * 1. No canary → the main version.
 * 2. `match` set and not true for this payload → the main version.
 * 3. Routing key = `routingKey` evaluated over the payload (falls back to the run id when empty).
 * 4. Bucket < percent → the canary version.
 * An expression that fails for this payload (a runtime error; syntax is checked at deploy) sends the
 * run to the main version and is reported to `onFailure`: a broken canary must not fail live traffic.
 */
export async function routeVersion(
  deployment: Deployment,
  payload: Json,
  runId: string,
  onFailure: RoutingFailure = () => {},
): Promise<RouteDecision> {
  const canary = deployment.canary;
  if (!canary) return { version: deployment.version, canary: false, routingKey: runId };
  try {
    return await routeCanary(deployment, canary, payload, runId);
  } catch (error) {
    onFailure(error, canary);
    return { version: deployment.version, canary: false, routingKey: runId };
  }
}

async function routeCanary(
  deployment: Deployment,
  canary: CanaryConfig,
  payload: Json,
  runId: string,
): Promise<RouteDecision> {
  if (canary.match && (await evaluate(canary.match, payload)) !== true) {
    return { version: deployment.version, canary: false, routingKey: runId };
  }
  let routingKey = runId;
  if (canary.routingKey) {
    const value = await evaluate(canary.routingKey, payload);
    if (value !== undefined && value !== null && value !== '') {
      routingKey = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  const toCanary = routingBucket(routingKey) < canary.percent;
  return { version: toCanary ? canary.version : deployment.version, canary: toCanary, routingKey };
}
