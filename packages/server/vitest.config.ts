import { defineConfig } from 'vitest/config';

/**
 * Server tests start real HTTP servers on SQLite files, and the scale-out test real processes on
 * PostgreSQL and Redis (started by the global setup); give them a little more room than unit tests.
 */
export default defineConfig({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    globalSetup: ['test/ensure-services.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
