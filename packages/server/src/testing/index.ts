// Test support for suites that run Junction as real processes on servers of their own
// (`@junction/server/testing`): never imported by the server itself.
export { freePort, waitForPort } from './free-port.ts';
export type {
  ClusterPlace,
  JunctionProcess,
  ProcessExit,
  SpawnJunctionOptions,
} from './junction-process.ts';
export { clusterArgs, spawnJunction } from './junction-process.ts';
export type { ThrowawayPostgres } from './throwaway-postgres.ts';
export { startThrowawayPostgres } from './throwaway-postgres.ts';
export type { ThrowawayRedis, ThrowawayRedisOptions } from './throwaway-redis.ts';
export { startThrowawayRedis } from './throwaway-redis.ts';
