import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { buildSeries, SERIES_BUCKETS, SERIES_WINDOWS } from '../metrics/build-series.ts';
import { buildStats } from '../metrics/build-stats.ts';

const nullableNumbers = { type: 'array', items: { type: ['number', 'null'] } } as const;
const numbers = { type: 'array', items: { type: 'number' } } as const;
/** `GET /api/stats` (the dashboard's figures) and `GET /api/stats/series` (its charts). */
export function statsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: { flowId?: string; since?: number } }>(
    '/api/stats',
    {
      config: { access: 'metrics:read' },
      schema: {
        summary:
          'Runs, node calls/errors/latency percentiles (ms, since start and over the last 5 min / 1 h), callbacks and recent failures',
        tags: ['metrics'],
        querystring: {
          type: 'object',
          properties: { flowId: { type: 'string' }, since: { type: 'integer', description: 'Epoch ms.' } },
        },
      },
    },
    async (request) => buildStats(ctx.metrics, ctx.store, ctx.callbackLog, request.query),
  );

  app.get<{
    Querystring: {
      flowId: string;
      window?: keyof typeof SERIES_WINDOWS;
      bucket?: keyof typeof SERIES_BUCKETS;
    };
  }>(
    '/api/stats/series',
    {
      config: { access: 'metrics:read' },
      schema: {
        summary:
          'Time series of one flow: per version (main / canary) and node calls, errors, p50/p99 ms, runs, and callbacks by outcome',
        description:
          'Columns aligned with `buckets` (bucket start, epoch ms). Kept in memory by the process that ran the nodes, 1-minute buckets for 24 h.',
        tags: ['metrics'],
        querystring: {
          type: 'object',
          required: ['flowId'],
          properties: {
            flowId: { type: 'string' },
            window: { type: 'string', enum: Object.keys(SERIES_WINDOWS), default: '1h' },
            bucket: { type: 'string', enum: Object.keys(SERIES_BUCKETS), default: '1m' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['flowId', 'window', 'bucket', 'bucketMs', 'buckets', 'versions', 'nodes', 'callbacks'],
            properties: {
              flowId: { type: 'string' },
              window: { type: 'string' },
              bucket: { type: 'string' },
              bucketMs: { type: 'integer' },
              buckets: numbers,
              versions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    version: { type: ['integer', 'null'] },
                    role: { type: 'string', enum: ['main', 'canary', 'draft'] },
                    runs: numbers,
                    failedRuns: numbers,
                    calls: numbers,
                    errors: numbers,
                    p50: nullableNumbers,
                    p99: nullableNumbers,
                  },
                },
              },
              nodes: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    version: { type: ['integer', 'null'] },
                    role: { type: 'string', enum: ['main', 'canary', 'draft'] },
                    nodeId: { type: 'string' },
                    type: { type: 'string' },
                    calls: numbers,
                    errors: numbers,
                    p50: nullableNumbers,
                    p99: nullableNumbers,
                  },
                },
              },
              callbacks: {
                type: 'object',
                properties: Object.fromEntries(
                  ['matched', 'early', 'duplicate', 'late', 'rejected'].map((o) => [o, numbers]),
                ),
              },
            },
          },
        },
      },
    },
    async (request) => buildSeries(ctx.metrics.series, request.query),
  );
}
