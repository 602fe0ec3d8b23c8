// Child process: the embedded Junction server (Fastify, engine, SQLite store in a fresh data directory),
// started exactly as `junction serve` starts it. Driven over IPC: `rss` asks for memory, `stop` closes
// the server (every journal write flushed) and exits, which also writes the CPU profile under --cpu-prof.
import { startServer } from '../src/index.ts';

const [dataDir, logLevel = 'info'] = process.argv.slice(2) as [string, string?];
const server = await startServer({ port: 0, dataDir, logLevel });
process.send?.({ ready: true, url: server.url, token: server.adminToken });

process.on('message', (message: { type?: string }) => {
  if (message.type === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
  if (message.type === 'stop') void server.close().then(() => process.exit(0));
});
