// What the ingress rate limiter costs per request: the same Fastify route with the limiter off
// (limits 0, not counted) and on (limits far above the load, both counters kept in memory),
// interleaved rounds of injected requests from 50 client addresses, CPU time per request, medians.
// Run: pnpm --filter @junction/server exec tsx bench/rate-limit-bench.ts
import Fastify, { type FastifyInstance } from 'fastify';
import { installIngressRateLimit } from '../src/app/ingress-rate-limit.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const ROUNDS = 7;

async function app(on: boolean): Promise<FastifyInstance> {
  const server = Fastify();
  const limit = on ? 1_000_000_000 : 0;
  const limiter = await installIngressRateLimit(server, { defaults: { perClient: limit, perFlow: limit } });
  server.post('/hooks/*', {
    onRequest: async (request, reply) => {
      if (
        await limiter.refuse(request, reply, { ingress: 'webhook', name: 'bench', limit: limiter.defaults })
      ) {
        return reply;
      }
    },
    handler: async () => ({ ok: true }),
  });
  await server.ready();
  return server;
}

async function round(server: FastifyInstance): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) {
    await server.inject({
      method: 'POST',
      url: '/hooks/bench',
      payload: { order: i },
      remoteAddress: `10.0.${i % 50}.1`,
    });
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / REQUESTS;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const [off, on] = [await app(false), await app(true)];
const times = { off: [] as number[], on: [] as number[] };
for (let i = 0; i < ROUNDS; i++) {
  times.off.push(await round(off));
  times.on.push(await round(on));
}
const [a, b] = [median(times.off), median(times.on)];
console.log(`| rate limiter | CPU µs per request (median of ${ROUNDS} × ${REQUESTS}) |`);
console.log('| --- | ---: |');
console.log(`| off (baseline) | ${a.toFixed(1)} |`);
console.log(`| on, two counters in memory | ${b.toFixed(1)} |`);
console.log(`| cost of the limiter | ${(b - a).toFixed(1)} |`);
await Promise.all([off.close(), on.close()]);
