import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { errorBody } from './error-handler.ts';

/** Requests accepted per window; `0` turns a limit off. */
export interface RateLimit {
  /** Per client (IP address, IPv6 grouped by /64) and webhook path or callback channel. */
  perClient: number;
  /** Per webhook path or callback channel, every client together. */
  perFlow: number;
  /** Length of the fixed window in milliseconds. */
  windowMs: number;
}

/** Server-wide defaults: a shop or supplier far above a merchant's traffic is still let through. */
export const DEFAULT_INGRESS_RATE_LIMIT: RateLimit = { perClient: 1200, perFlow: 6000, windowMs: 60_000 };

/** What a request is counted against: a webhook path or callback channel, or `undefined` (unknown ones). */
export interface IngressTarget {
  ingress: 'webhook' | 'callback';
  /** The trigger's path or the channel; unknown paths and channels share one counter per client and one in all. */
  name: string | undefined;
  limit: RateLimit;
}

/** Counts ingress requests and answers the ones over a limit. */
export interface IngressRateLimiter {
  readonly defaults: RateLimit;
  /** Where counters live: this process (`memory`) or every api process together (`redis`). */
  readonly shared: 'memory' | 'redis';
  /** Counts the request; when it is over a limit, answers 429 `JX_RATE_LIMITED` and returns true. */
  refuse(request: FastifyRequest, reply: FastifyReply, target: IngressTarget): Promise<boolean>;
}

/** Options of {@link installIngressRateLimit}. */
export interface IngressRateLimitOptions {
  defaults?: Partial<RateLimit>;
  /** A connection of its own (offline queue off) to share counters across api processes. */
  redis?: Redis;
  /** Key prefix in Redis (the cluster's queue prefix keeps clusters on one Redis apart). */
  namespace?: string;
}

interface Plan {
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Registers `@fastify/rate-limit` (not globally: only the ingress routes ask it) and returns the
 * limiter they call from an `onRequest` hook, before the body is read. A request is first counted
 * per client; only one the client may send is counted for the flow, so one flooding client cannot
 * use up the flow's allowance for everyone else. Store errors (Redis away) let requests through:
 * ingress keeps answering and the limit holds again when Redis is back.
 */
export async function installIngressRateLimit(
  app: FastifyInstance,
  options: IngressRateLimitOptions = {},
): Promise<IngressRateLimiter> {
  const defaults = { ...DEFAULT_INGRESS_RATE_LIMIT, ...options.defaults };
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    // Counters of 10,000 clients per process; beyond that the least recent are forgotten.
    cache: 10_000,
    ...(options.redis
      ? { redis: options.redis, nameSpace: `${options.namespace ?? 'junction'}:rate-limit:` }
      : {}),
  });
  const plans = new WeakMap<FastifyRequest, Plan>();
  const planOf = (request: FastifyRequest): Plan => plans.get(request) as Plan;
  const count = app.createRateLimit({
    keyGenerator: (request) => planOf(request).key,
    max: (request) => planOf(request).max,
    timeWindow: (request) => planOf(request).windowMs,
    skipOnError: true,
    cache: 10_000,
  } as Parameters<FastifyInstance['createRateLimit']>[0]);

  // One log line per counter and window: a flood must not become a flood of log lines.
  const logged = new Map<string, number>();
  function firstInWindow(key: string, windowMs: number): boolean {
    const now = Date.now();
    if ((logged.get(key) ?? 0) > now) return false;
    if (logged.size >= 10_000) logged.clear();
    logged.set(key, now + windowMs);
    return true;
  }

  async function over(request: FastifyRequest, plan: Plan): Promise<{ retryAfter: number } | undefined> {
    if (plan.max <= 0) return undefined;
    plans.set(request, plan);
    const result = await count(request);
    if (result.isAllowed) return undefined;
    // The plugin reports a store failure (skipOnError) as a request with no window (ttl 0).
    if (result.ttl === 0 && firstInWindow('store-unavailable', 60_000)) {
      request.log.warn(
        { code: 'JX_RATE_LIMIT_STORE_UNAVAILABLE' },
        'rate-limit counters unavailable; requests pass uncounted',
      );
    }
    if (!result.isExceeded) return undefined;
    return { retryAfter: Math.max(1, result.ttlInSeconds) };
  }

  return {
    defaults,
    shared: options.redis ? 'redis' : 'memory',
    async refuse(request, reply, target) {
      const { ingress, name, limit } = target;
      const scopeName = `${ingress}:${name === undefined ? '?' : `=${name}`}`;
      const client = normalizeIP(request.ip);
      const checks: [scope: 'client' | 'flow', plan: Plan][] = [
        ['client', { key: `client:${scopeName}:${client}`, max: limit.perClient, windowMs: limit.windowMs }],
        ['flow', { key: `flow:${scopeName}`, max: limit.perFlow, windowMs: limit.windowMs }],
      ];
      for (const [scope, plan] of checks) {
        const refused = await over(request, plan);
        if (!refused) continue;
        const where = ingress === 'webhook' ? `/hooks/${name ?? '…'}` : `/callbacks/${name ?? '…'}`;
        const who = scope === 'client' ? `from ${client}` : 'from all clients together';
        if (firstInWindow(plan.key, plan.windowMs)) {
          request.log.warn({ code: 'JX_RATE_LIMITED', ingress, name, scope, client }, 'ingress rate limited');
        }
        reply
          .status(429)
          .header('retry-after', String(refused.retryAfter))
          .header('x-ratelimit-limit', String(plan.max))
          .header('x-ratelimit-remaining', '0')
          .header('x-ratelimit-reset', String(refused.retryAfter))
          .send(
            errorBody(
              'JX_RATE_LIMITED',
              `Too many requests to ${where} ${who}: at most ${plan.max} per ${limit.windowMs / 1000} s. Retry after ${refused.retryAfter} s.`,
              {
                ingress,
                ...(name === undefined ? {} : { [ingress === 'webhook' ? 'path' : 'channel']: name }),
                scope,
                limit: plan.max,
                windowSeconds: limit.windowMs / 1000,
                retryAfterSeconds: refused.retryAfter,
              },
            ),
          );
        return true;
      }
      return false;
    },
  };
}

/** A trigger's own limits over the server's defaults (its window in seconds, as the node config has it). */
export function limitWith(
  defaults: RateLimit,
  own: { perClient?: number; perFlow?: number; windowSeconds?: number } = {},
): RateLimit {
  return {
    perClient: own.perClient ?? defaults.perClient,
    perFlow: own.perFlow ?? defaults.perFlow,
    windowMs: own.windowSeconds !== undefined ? own.windowSeconds * 1000 : defaults.windowMs,
  };
}
