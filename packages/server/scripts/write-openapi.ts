// `pnpm --filter @junction/server openapi`: writes docs/api/openapi.json from the route schemas (@fastify/swagger).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/server/start-server.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/api/openapi.json');
const dataDir = mkdtempSync(join(tmpdir(), 'junction-openapi-'));
const server = await startServer({ port: 0, dataDir, logLevel: 'silent' });
try {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(server.openapi(), null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
