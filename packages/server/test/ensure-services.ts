import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '../../../scripts/ensure-services.sh');

/**
 * Vitest global setup: the scale-out tests need PostgreSQL and Redis. Starts them when they are
 * installed but stopped (the repo's `scripts/ensure-services.sh`); fails the run when they cannot be had.
 */
export default function ensureServices(): void {
  const result = spawnSync('bash', [SCRIPT], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      'PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are needed; see scripts/ensure-services.sh.',
    );
  }
}
