// Runs a Junction server in its own process so a test can SIGKILL it: `serve-child.ts <port> <dataDir>`.
// Prints `ready <url>` once it listens.
import { startServer } from '@junction/server';

const [port, dataDir] = process.argv.slice(2);
// The sandbox the test points the credentials at listens on 127.0.0.1.
const server = await startServer({
  port: Number(port),
  dataDir: dataDir!,
  logLevel: 'silent',
  egress: { allow: ['127.0.0.1'] },
});
process.stdout.write(`ready ${server.url}\n`);
