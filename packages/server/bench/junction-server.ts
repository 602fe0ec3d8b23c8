// Child process: the embedded Junction server (Fastify, engine, SQLite store in a fresh data directory),
// started exactly as `junction serve` starts it. Driven over IPC: `memory` asks for memory after a GC, `profile-start`
// and `profile-stop` frame a CPU profile (written to the given file), `stop` closes the server (every
// journal write flushed) and exits.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startServer } from '../src/index.ts';

const [dataDir, logLevel = 'info'] = process.argv.slice(2) as [string, string?];
// The benchmark's sandbox listens on 127.0.0.1; nodes may only call public addresses unless allowed.
// The load comes from one client: limits far above it keep the rate limiter on the hot path without
// refusing anything; BENCH_RATE_LIMIT=off leaves it out, to measure what it costs.
const unlimited = process.env.BENCH_RATE_LIMIT === 'off' ? 0 : 1_000_000_000;
const server = await startServer({
  port: 0,
  dataDir,
  logLevel,
  egress: { allow: ['127.0.0.1'] },
  rateLimit: { perClient: unlimited, perFlow: unlimited },
});
process.send?.({ ready: true, url: server.url, token: server.adminToken });

const session = new Session();

async function startProfile(): Promise<void> {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  process.send?.({ type: 'profile-start' });
}

async function stopProfile(file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  process.send?.({ type: 'profile-stop' });
}

process.on('message', (message: { type?: string; file?: string }) => {
  if (message.type === 'memory') {
    // Collect first, so what is left is what the server holds on to (the child runs with --expose-gc).
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ type: 'memory', rss, heapUsed });
  }
  if (message.type === 'profile-start') void startProfile();
  if (message.type === 'profile-stop') void stopProfile(message.file!);
  if (message.type === 'stop') void server.close().then(() => process.exit(0));
});
