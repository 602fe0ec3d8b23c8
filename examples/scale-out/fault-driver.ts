import type { ThrowawayPostgres, ThrowawayRedis } from '@junction/server/testing';
import type { ChaosCluster } from './chaos-cluster.ts';

/** The fault modes; each can be enabled alone. */
export const FAULT_KINDS = ['kills', 'pg-restart', 'redis-restart', 'redis-stall'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A stretch of time during which a part was down (or, for a stall, frozen). */
export interface OutageWindow {
  /** `api`, `w1`, `w2`, `postgres`, `redis`. */
  part: string;
  fault: 'kill-api' | 'kill-worker' | FaultKind;
  start: number;
  end: number;
}

/** How many faults of each kind to play, spread over the traffic. */
export interface FaultPlan {
  kills: number;
  pgRestarts: number;
  redisRestarts: number;
  redisStalls: number;
  /** Pause between two faults (the next starts only once the previous one was repaired). */
  gapMs: number;
  /** Share of kills aimed at the api process (the rest at a worker). */
  apiKillShare: number;
}

/** The parts the driver may break. */
export interface FaultTargets {
  cluster: ChaosCluster;
  postgres: ThrowawayPostgres;
  redis: ThrowawayRedis;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * Plays the plan one fault at a time, each repaired before the next: a killed process is started
 * again at once, PostgreSQL comes back after 2–10 s, Redis is restarted at once (empty), a stalled
 * Redis is continued after 6–12 s. A worker is only killed while its peer is up, so "a worker lives"
 * holds except during infrastructure faults. Returns the outage windows.
 */
export async function playFaults(
  plan: FaultPlan,
  targets: FaultTargets,
  random: () => number,
  log: (line: string) => void,
): Promise<OutageWindow[]> {
  const windows: OutageWindow[] = [];
  const events = shuffled(
    [
      ...Array<FaultKind>(plan.kills).fill('kills'),
      ...Array<FaultKind>(plan.pgRestarts).fill('pg-restart'),
      ...Array<FaultKind>(plan.redisRestarts).fill('redis-restart'),
      ...Array<FaultKind>(plan.redisStalls).fill('redis-stall'),
    ],
    random,
  );
  const { cluster, postgres, redis } = targets;
  for (const [index, kind] of events.entries()) {
    await sleep(plan.gapMs * (0.5 + random()));
    const start = Date.now();
    let part: string;
    let fault: OutageWindow['fault'] = kind;
    if (kind === 'kills') {
      const workers = cluster.workerNames();
      part = random() < plan.apiKillShare ? 'api' : workers[Math.floor(random() * workers.length)]!;
      fault = part === 'api' ? 'kill-api' : 'kill-worker';
      await cluster.killAndRestart(part);
    } else if (kind === 'pg-restart') {
      part = 'postgres';
      postgres.crash();
      await sleep(2_000 + random() * 8_000);
      await postgres.start();
    } else if (kind === 'redis-restart') {
      part = 'redis';
      await redis.crash();
      await redis.start();
    } else {
      part = 'redis';
      redis.stall();
      await sleep(6_000 + random() * 6_000);
      redis.resume();
    }
    windows.push({ part, fault, start, end: Date.now() });
    log(`fault ${index + 1}/${events.length}: ${fault} ${part} (${Date.now() - start} ms)`);
  }
  return windows;
}
